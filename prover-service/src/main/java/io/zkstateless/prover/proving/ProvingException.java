package io.zkstateless.prover.proving;

/**
 * A proving attempt failed for a known reason. {@code reason} is a short, bounded label (it becomes
 * the {@code reason} of {@code prover_failures_total}).
 *
 * <p>A failure is retryable unless it is the job's own fault: an input that cannot be built or that
 * the backend refuses stays wrong however often it is sent, so such a job ends {@code failed} at
 * once, and the worker's circuit breaker does not count it against the worker.
 *
 * <p>An outage is a failure of a dependency to answer at all (unreachable, timed out, circuit
 * open): retried, but not counted against the job's attempts, so a dependency down for longer than
 * a few backoffs does not make its blocks end {@code failed} (docs/reliability.md). A {@linkplain
 * #outage worker outage} (the zkVM server itself) still counts against the worker's circuit
 * breaker; an {@linkplain #inputOutage input outage} (the execution client or beacon node that
 * the worker's input comes from) does not, since the worker is not at fault.
 */
public class ProvingException extends RuntimeException {

  private final String reason;
  private final boolean retryable;
  private final Outage outage;

  /** Which dependency, if any, did not answer. */
  private enum Outage {
    NONE,
    WORKER,
    INPUT
  }

  public ProvingException(final String reason, final String message) {
    this(reason, message, true);
  }

  public ProvingException(final String reason, final String message, final boolean retryable) {
    this(reason, message, retryable, Outage.NONE);
  }

  private ProvingException(
      final String reason, final String message, final boolean retryable, final Outage outage) {
    super(message);
    this.reason = reason;
    this.retryable = retryable;
    this.outage = outage;
  }

  /** The worker's own server did not answer: retried, attempt not counted, held against the worker. */
  public static ProvingException outage(final String reason, final String message) {
    return new ProvingException(reason, message, true, Outage.WORKER);
  }

  /** A source of the worker's input did not answer: retried, attempt not counted, not held against the worker. */
  public static ProvingException inputOutage(final String reason, final String message) {
    return new ProvingException(reason, message, true, Outage.INPUT);
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

  /** Whether {@code error} is a dependency outage, which must not use up the job's attempts. */
  static boolean isOutage(final Throwable error) {
    return error instanceof ProvingException proving && proving.outage != Outage.NONE;
  }

  /** Whether {@code error} is an outage of the worker's input, which the worker's breaker ignores. */
  static boolean isInputOutage(final Throwable error) {
    return error instanceof ProvingException proving && proving.outage == Outage.INPUT;
  }

  /** Whether {@code error} is a failure of the job rather than of the worker. */
  static boolean isPermanent(final Throwable error) {
    return error instanceof ProvingException proving && !proving.retryable();
  }
}
