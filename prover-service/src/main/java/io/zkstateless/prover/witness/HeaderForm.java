package io.zkstateless.prover.witness;

/** How the execution client wrote the witness {@code headers}; the stored form is always RLP. */
public enum HeaderForm {
  /**
   * Hex strings of RLP headers: reth, ethrex, Besu, Nethermind, Erigon, EEST, execution-apis #847.
   */
  RLP_HEX,
  /**
   * geth {@code types.Header} JSON objects ({@code stateless.ExtWitness}); re-encoded to RLP and
   * checked against their {@code hash} field while parsing.
   */
  GETH_JSON_OBJECT
}
