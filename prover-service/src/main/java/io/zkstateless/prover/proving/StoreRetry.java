package io.zkstateless.prover.proving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Runs one bookkeeping step of an attempt on the job table (record the proof, mark it proved,
 * schedule a retry, ...) again, with back-off, for as long as the database is unreachable.
 *
 * <p>Why: the step's outcome exists only in memory (a proof the worker just made, Kafka's
 * acknowledgement of a send). Giving up on a database outage left the row PROVING or PUBLISHING
 * until its lease ran out (6 minutes by default), so a restart of PostgreSQL stalled every job
 * that was in flight at the moment, and a proof Kafka had already taken was sent a second time by
 * the lease takeover. Retries stop before the lease ends (after that another claim may own the
 * job, under this replica's own id) and when the service stops; the lease then takes over as
 * before. Errors that are not an outage are not retried.
 */
final class StoreRetry {

  private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);

  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Executor executor;
  private final Clock clock;
  private final BooleanSupplier stopping;
  private final Runnable onOutage;

  StoreRetry(final Executor executor, final Clock clock, final BooleanSupplier stopping, final Runnable onOutage) {
    this.executor = executor;
    this.clock = clock;
    this.stopping = stopping;
    this.onOutage = onOutage;
  }

  /**
   * Runs {@code step} now, then hands its result to {@code then}; while {@code step} fails because
   * the database is unreachable, runs it again after a back-off, until {@code deadline}. Any other
   * error, of the step or of {@code then}, or the deadline or a stop, goes to {@code gaveUp}.
   */
  <T> void run(final String what, final Supplier<T> step, final Consumer<T> then, final Instant deadline,
      final Consumer<RuntimeException> gaveUp) {
    attempt(what, step, then, deadline, gaveUp, FIRST_BACKOFF);
  }

  private <T> void attempt(final String what, final Supplier<T> step, final Consumer<T> then,
      final Instant deadline, final Consumer<RuntimeException> gaveUp, final Duration backoff) {
    final T result;
    try {
      result = step.get();
    } catch (final RuntimeException e) {
      if (!isOutage(e) || stopping.getAsBoolean() || clock.instant().plus(backoff).isAfter(deadline)) {
        gaveUp.accept(e);
        return;
      }
      onOutage.run();
      if (backoff.equals(FIRST_BACKOFF)) {
        LOG.warn("Job table unreachable; retrying {} until it answers: {}", what, e.toString());
      }
      final Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS, executor)
          .execute(() -> attempt(what, step, then, deadline, gaveUp, next));
      return;
    }
    try {
      then.accept(result);
    } catch (final RuntimeException e) {
      gaveUp.accept(e);
    }
  }

  /** Whether {@code error} says the database could not be reached, rather than that the step is wrong. */
  static boolean isOutage(final Throwable error) {
    return error instanceof DataAccessResourceFailureException
        || error instanceof TransientDataAccessException
        || error instanceof RecoverableDataAccessException;
  }
}
