package io.zkstateless.prover.proving;

/**
 * A proving attempt failed for a known reason. {@code reason} is a short, bounded label (it becomes
 * the {@code reason} of {@code prover_failures_total}).
 *
 * <p>A failure is retryable unless it is the job's own fault: an input that cannot be built or that
 * the backend refuses stays wrong however often it is sent, so such a job ends {@code failed} at
 * once, and the worker's circuit breaker does not count it against the worker.
 */
public class ProvingException extends RuntimeException {

  private final String reason;
  private final boolean retryable;

  public ProvingException(final String reason, final String message) {
    this(reason, message, true);
  }

  public ProvingException(final String reason, final String message, final boolean retryable) {
    super(message);
    this.reason = reason;
    this.retryable = retryable;
  }

  /** A failure of the job itself, not of the worker: not retried, not held against the worker. */
  public static ProvingException permanent(final String reason, final String message) {
    return new ProvingException(reason, message, false);
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }

  /** Whether {@code error} is a failure of the job rather than of the worker. */
  static boolean isPermanent(final Throwable error) {
    return error instanceof ProvingException proving && !proving.retryable();
  }
}
