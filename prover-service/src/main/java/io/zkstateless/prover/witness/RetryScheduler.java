package io.zkstateless.prover.witness;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay. The only way the witness client waits, so tests drive retries with a
 * hand-advanced stub instead of sleeping.
 */
@FunctionalInterface
public interface RetryScheduler {

  void schedule(Runnable task, Duration delay);

  static RetryScheduler of(final ScheduledExecutorService executor) {
    return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
