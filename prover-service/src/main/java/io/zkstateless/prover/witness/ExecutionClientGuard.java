package io.zkstateless.prover.witness;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every call to the execution client passes here: at most {@code maxConcurrency} calls are in
 * flight (witness calls are expensive for the client, and an unbounded fan-out is the DoS pattern
 * operators warn about), and a resilience4j {@link CircuitBreaker} stops calling a client that
 * keeps failing at the transport level. Only transport failures and timeouts count against the
 * breaker: a JSON-RPC error or a malformed witness means the client is up and answering.
 *
 * <p>Calls are blocking HTTP calls, run on the given executor (virtual threads in production).
 */
public final class ExecutionClientGuard {

  private final Semaphore permits;
  private final CircuitBreaker breaker;
  private final Executor executor;

  public ExecutionClientGuard(
      final int maxConcurrency, final CircuitBreaker breaker, final Executor executor) {
    this.permits = new Semaphore(maxConcurrency, true);
    this.breaker = breaker;
    this.executor = executor;
  }

  /** True for the failures that say the execution client itself is unhealthy. */
  public static boolean countsAgainstBreaker(final Throwable failure) {
    return failure instanceof ExecutionClientException client
        && (client.reason() == FailureReason.TRANSPORT_ERROR
            || client.reason() == FailureReason.TIMEOUT);
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /**
   * Runs {@code call} once a permit is free (waiting at most {@code permitWait}) and the breaker
   * allows it.
   */
  public <T> CompletableFuture<T> call(
      final String method, final Duration permitWait, final Supplier<T> call) {
    return CompletableFuture.supplyAsync(() -> callBlocking(method, permitWait, call), executor);
  }

  private <T> T callBlocking(
      final String method, final Duration permitWait, final Supplier<T> call) {
    if (!acquire(permitWait)) {
      throw new ExecutionClientException(
          FailureReason.BUSY,
          method + " waited " + permitWait + " for one of " + "the concurrency permits");
    }
    try {
      return breaker.executeSupplier(call);
    } catch (final CallNotPermittedException e) {
      throw new ExecutionClientException(
          FailureReason.CIRCUIT_OPEN,
          method
              + " not sent: circuit breaker '"
              + breaker.getName()
              + "' is open after repeated transport failures",
          e);
    } finally {
      permits.release();
    }
  }

  private boolean acquire(final Duration wait) {
    try {
      return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
