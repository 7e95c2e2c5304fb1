package io.zkstateless.prover.proving;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.zkstateless.prover.config.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker with its bookkeeping: busy with at most one job, and behind a circuit breaker that keeps
 * jobs away after {@code failureThreshold} failed attempts in a row, then lets one trial job
 * through after the open duration. A GPU that fails every block (ere issue 207) therefore stops
 * eating the queue's jobs while its siblings carry on.
 */
public final class WorkerSlot {

  private final ZkvmWorker worker;
  private final CircuitBreaker breaker;
  private final AtomicBoolean busy = new AtomicBoolean();

  public WorkerSlot(
      final ZkvmWorker worker, final WorkerProperties.Breaker config, final Clock clock) {
    this.worker = worker;
    this.breaker =
        CircuitBreaker.of(
            worker.id(),
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.failureThreshold())
                .minimumNumberOfCalls(config.failureThreshold())
                .failureRateThreshold(100)
                .waitDurationInOpenState(config.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                // A job that cannot be proved anywhere, or a down input source (execution client, beacon
                // node), says nothing about this worker.
                .ignoreException(e -> ProvingException.isPermanent(e) || ProvingException.isInputOutage(e))
                .clock(clock)
                .build());
  }

  public ZkvmWorker worker() {
    return worker;
  }

  /** Takes the worker for one job if it is idle and its breaker lets a call through. */
  boolean tryReserve() {
    if (!busy.compareAndSet(false, true)) {
      return false;
    }
    if (!breaker.tryAcquirePermission()) {
      busy.set(false);
      return false;
    }
    return true;
  }

  /** Gives back a reservation that found no job; the breaker does not count it. */
  void release() {
    breaker.releasePermission();
    busy.set(false);
  }

  /** Records a finished attempt and frees the worker. */
  void finished(final boolean success, final Duration took, final Throwable failure) {
    if (success) {
      breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, failure);
    }
    busy.set(false);
  }

  /** Frees the worker without judging it (the job was cancelled by shutdown). */
  void abandoned() {
    breaker.releasePermission();
    busy.set(false);
  }

  public boolean busy() {
    return busy.get();
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /** Whether the worker can take jobs now or soon (its breaker is not open). */
  public boolean healthy() {
    return breaker.getState() != CircuitBreaker.State.OPEN
        && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
  }
}
