package io.zkstateless.prover.witness;

import io.zkstateless.prover.jobs.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RetryScheduler} that queues tasks; {@link #runNext()} advances the clock by the task's
 * delay and runs it, so retry loops are tested without sleeping.
 */
final class ManualScheduler implements RetryScheduler {

  private final TestClock clock;
  private final List<Runnable> tasks = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();

  ManualScheduler(final TestClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void schedule(final Runnable task, final Duration delay) {
    tasks.add(task);
    delays.add(delay);
  }

  synchronized int pending() {
    return tasks.size();
  }

  /** Every delay ever requested, in order. */
  synchronized List<Duration> requestedDelays() {
    return List.copyOf(delays);
  }

  void runNext() {
    final Runnable task;
    final Duration delay;
    synchronized (this) {
      task = tasks.remove(0);
      delay = delays.get(delays.size() - tasks.size() - 1);
    }
    clock.advance(delay);
    task.run();
  }

  /** Runs queued tasks until none is left; returns how many ran. */
  int runAll() {
    int ran = 0;
    while (pending() > 0) {
      runNext();
      ran++;
    }
    return ran;
  }
}
