package io.zkstateless.prover.proving;

/**
 * A proving attempt failed for a known reason. {@code reason} is a short, bounded label (it becomes
 * the {@code reason} of {@code prover_failures_total}).
 */
public class ProvingException extends RuntimeException {

  private final String reason;

  public ProvingException(final String reason, final String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
