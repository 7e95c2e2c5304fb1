package io.zkstateless.prover.witness;

/**
 * Why a call to the execution client failed; a small, fixed set so it can label metrics and become
 * the proof job's failure reason.
 */
public enum FailureReason {
  /** The block or witness was still unavailable when the ready timeout ran out. */
  WITNESS_TIMEOUT,
  /** The client answered {@code null}: it does not know the block (yet). */
  NOT_FOUND,
  /** The client answered with a JSON-RPC error object. */
  RPC_ERROR,
  /** The call did not finish within its per-method timeout. */
  TIMEOUT,
  /** Connection refused or reset, a non-2xx status, a body cut short at the HTTP level. */
  TRANSPORT_ERROR,
  /** The body was not a valid JSON-RPC answer or witness (see {@link WitnessFormatException}). */
  MALFORMED_RESPONSE,
  /** The circuit breaker is open after repeated transport failures; the call was not sent. */
  CIRCUIT_OPEN,
  /** Every concurrency permit stayed taken for the whole per-method timeout. */
  BUSY;

  /**
   * Whether the client did not answer at all (unreachable, too slow, breaker open, no permit): an
   * outage of the client rather than a problem of the block, so retrying must not use up attempts.
   */
  public boolean isOutage() {
    return this == TRANSPORT_ERROR || this == TIMEOUT || this == CIRCUIT_OPEN || this == BUSY;
  }
}
