package io.zkstateless.prover.witness;

/** Which JSON-RPC method fetches a witness by block hash. */
public enum WitnessMethod {
  /** {@code debug_executionWitness(hash)}: every client, and the only form geth serves. */
  EXECUTION_WITNESS("debug_executionWitness"),
  /**
   * {@code debug_executionWitnessByBlockHash(hash)}: reth, ethrex and nimbus (zkboost's choice).
   */
  EXECUTION_WITNESS_BY_BLOCK_HASH("debug_executionWitnessByBlockHash");

  private final String rpcName;

  WitnessMethod(final String rpcName) {
    this.rpcName = rpcName;
  }

  public String rpcName() {
    return rpcName;
  }
}
