package io.zkstateless.validator.ingest;

/**
 * A Kafka proof could not be verified because its external verifier did not answer (timeout, 5xx,
 * breaker open, busy). Thrown by the listener so the record is retried with back-off until the
 * verifier is back: answering IGNORE would commit its offset and lose a valid proof.
 */
public final class VerifierUnavailableException extends RuntimeException {

  public VerifierUnavailableException(final String message) {
    super(message);
  }
}
