package io.zkstateless.prover.witness;

/** A failed call to the execution client, with a {@link FailureReason} and a readable message. */
public class ExecutionClientException extends RuntimeException {

  private final FailureReason reason;

  public ExecutionClientException(final FailureReason reason, final String message) {
    super(message);
    this.reason = reason;
  }

  public ExecutionClientException(
      final FailureReason reason, final String message, final Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }

  @Override
  public String getMessage() {
    return reason + ": " + super.getMessage();
  }
}
