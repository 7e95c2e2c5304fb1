package io.zkstateless.prover.proving;

import io.zkstateless.prover.config.ProofJobProperties;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.publish.ProofEncoder;
import io.zkstateless.prover.publish.ProofSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves jobs from the table to the workers and their proofs to Kafka; the transitions and why they
 * are crash-safe are described on {@link ProofJobStore}. Every poll interval one {@link #tick}:
 * drops stale queued jobs (too old, behind finalization, beyond the queue bound), re-sends proofs a
 * dead replica left unpublished, then gives each idle worker whose breaker is closed the newest
 * runnable job of its type; a worker that finishes gets its next job at once. {@link JobRunner}
 * carries each attempt through proving and publishing. Stopping cancels attempts in progress (their
 * jobs return to the queue uncounted) and waits for sends in flight, so a graceful restart
 * publishes nothing twice and loses nothing.
 */
public final class ProvingDispatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ProvingDispatcher.class);
  private static final int MAX_RESENDS_PER_TICK = 16;
  private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

  private final ProofJobStore store;
  private final List<WorkerPool> pools;
  private final ProofJobProperties config;
  private final FinalizedSlot finalized;
  private final ProverMetrics metrics;
  private final Clock clock;
  private final JobRunner runner;
  private volatile boolean paused;
  private volatile boolean running;
  private Instant lastCleanup;
  private ScheduledExecutorService ticker;

  public ProvingDispatcher(
      final ProofJobStore store,
      final List<WorkerPool> pools,
      final ProofEncoder encoder,
      final ProofSink sink,
      final ProofJobProperties config,
      final FinalizedSlot finalized,
      final ProverMetrics metrics,
      final Clock clock,
      final Executor completions) {
    this.store = store;
    this.pools = List.copyOf(pools);
    this.config = config;
    this.finalized = finalized;
    this.metrics = metrics;
    this.clock = clock;
    this.runner =
        new JobRunner(
            store, encoder, sink, config, metrics, clock, completions, this::dispatchSoon);
  }

  public List<WorkerPool> pools() {
    return pools;
  }

  @Override
  public void start() {
    final int released = store.releaseOwn(config.proverId(), clock.instant());
    if (released > 0) {
      LOG.info("Took back {} jobs this prover ({}) left in flight", released, config.proverId());
    }
    running = true;
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("proof-dispatcher").daemon().factory());
    final long interval = config.pollInterval().toMillis();
    ticker.scheduleWithFixedDelay(this::safeTick, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (ticker != null) {
      ticker.shutdown();
      awaitQuietly(ticker);
    }
    runner.cancelAndAwait();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Stops handing out new jobs (an operator's pause): attempts under way finish and proofs already
   * made are still published, housekeeping goes on; jobs wait in the queue. Not persisted: a
   * restarted replica dispatches again.
   */
  public void pause() {
    paused = true;
  }

  public void resume() {
    paused = false;
    dispatchSoon();
  }

  public boolean paused() {
    return paused;
  }

  /** Jobs on workers or in publishing right now. */
  public int inFlight() {
    return runner.inFlight();
  }

  private void safeTick() {
    try {
      tick();
    } catch (final RuntimeException e) {
      LOG.warn("Proof dispatcher tick failed: {}", e.toString());
    }
  }

  /** Gives freed workers their next job at once rather than at the next tick. */
  private void dispatchSoon() {
    final ScheduledExecutorService current = ticker;
    if (running && current != null && !current.isShutdown()) {
      try {
        current.execute(this::safeDispatch);
      } catch (final RejectedExecutionException e) {
        // Stopping: the job stays queued for the next start.
      }
    }
  }

  private synchronized void safeDispatch() {
    try {
      if (running && !paused) {
        final Instant now = clock.instant();
        for (final WorkerPool pool : pools) {
          dispatch(pool, now);
        }
      }
    } catch (final RuntimeException e) {
      LOG.warn("Proof dispatch failed: {}", e.toString());
    }
  }

  /** One round of housekeeping and dispatch; runs on the ticker, or directly in tests. */
  synchronized void tick() {
    final Instant now = clock.instant();
    dropStale(now);
    deleteExpired(now);
    resendUnpublished(now);
    if (running && !paused) {
      for (final WorkerPool pool : pools) {
        dispatch(pool, now);
      }
    }
    metrics.refresh(store.countByState(), store.queuedByProofType());
  }

  private void deleteExpired(final Instant now) {
    if (lastCleanup == null || !now.isBefore(lastCleanup.plus(CLEANUP_INTERVAL))) {
      lastCleanup = now;
      final int deleted = store.deleteFinishedBefore(now.minus(config.retention()));
      if (deleted > 0) {
        LOG.info("Deleted {} finished jobs older than {}", deleted, config.retention());
      }
    }
  }

  private void dropStale(final Instant now) {
    metrics.dropped("too_old", store.dropQueuedBefore(now.minus(config.maxBlockAge()), now));
    if (config.dropBehindFinalized()) {
      finalized
          .get()
          .ifPresent(
              slot -> metrics.dropped("finalized", store.dropQueuedAtOrBelowSlot(slot, now)));
    }
    for (final WorkerPool pool : pools) {
      metrics.dropped(
          "queue_full",
          store.dropBeyondCapacity(pool.proofType().name(), config.queueCapacity(), now));
    }
  }

  private void resendUnpublished(final Instant now) {
    for (int i = 0; i < MAX_RESENDS_PER_TICK; i++) {
      final Optional<ProofJobStore.PendingPublication> pending =
          store.claimUnpublished(config.proverId(), now, config.leaseDuration());
      if (pending.isEmpty()) {
        return;
      }
      final ProofJob job = pending.get().job();
      LOG.info(
          "Re-sending the stored proof of {} (a replica stopped before Kafka's answer was"
              + " recorded)",
          job.key());
      runner.resend(job, pending.get().record());
    }
  }

  private void dispatch(final WorkerPool pool, final Instant now) {
    for (final WorkerSlot slot : pool.slots()) {
      if (!slot.tryReserve()) {
        continue;
      }
      final Optional<ProofJob> job = claim(pool, now);
      if (job.isEmpty()) {
        slot.release();
        return;
      }
      runner.prove(pool, slot, job.get());
    }
  }

  private Optional<ProofJob> claim(final WorkerPool pool, final Instant now) {
    try {
      return store.claim(pool.proofType().name(), config.proverId(), now, config.leaseDuration());
    } catch (final RuntimeException e) {
      metrics.failure("db_error");
      LOG.warn("Cannot claim a {} job: {}", pool.proofType().name(), e.toString());
      return Optional.empty();
    }
  }

  private static void awaitQuietly(final ScheduledExecutorService executor) {
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
