package io.zkstateless.prover.proving;

import io.zkstateless.prover.config.ProofJobProperties;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.publish.ProofEncoder;
import io.zkstateless.prover.publish.ProofSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves jobs from the table to the workers and their proofs to Kafka; the transitions and why they
 * are crash-safe are described on {@link ProofJobStore}. Every poll interval one {@link #tick}:
 * drops stale queued jobs (too old, behind finalization, beyond the queue bound), re-sends proofs a
 * dead replica left unpublished, then gives each idle worker whose breaker is closed the newest
 * runnable job of its type. Attempts run asynchronously: a timeout or worker failure requeues the
 * job with exponential backoff until the last attempt, which marks it failed. Stopping cancels
 * attempts in progress (their jobs return to the queue uncounted) and waits for sends in flight, so
 * a graceful restart publishes nothing twice and loses nothing.
 */
public final class ProvingDispatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ProvingDispatcher.class);
  private static final int MAX_RESENDS_PER_TICK = 16;
  private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

  private final ProofJobStore store;
  private final List<WorkerPool> pools;
  private final ProofEncoder encoder;
  private final ProofSink sink;
  private final ProofJobProperties config;
  private final FinalizedSlot finalized;
  private final ProverMetrics metrics;
  private final Clock clock;
  private final Executor completions;
  private final Map<JobKey, InFlight> inFlight = new ConcurrentHashMap<>();
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
    this.encoder = encoder;
    this.sink = sink;
    this.config = config;
    this.finalized = finalized;
    this.metrics = metrics;
    this.clock = clock;
    this.completions = completions;
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
    inFlight.values().forEach(flight -> flight.proving().cancel(false));
    final CompletableFuture<?>[] pending =
        inFlight.values().stream().map(InFlight::done).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(pending)
          .get(config.publishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (final Exception e) {
      LOG.warn(
          "{} proof jobs still in flight at shutdown; they are taken back on restart",
          inFlight.size());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Jobs on workers or in publishing right now. */
  public int inFlight() {
    return inFlight.size();
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
      if (running) {
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
    if (running) {
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
      final InFlight flight =
          new InFlight(CompletableFuture.completedFuture(null), new CompletableFuture<>());
      inFlight.put(job.key(), flight);
      publish(job, pending.get().record(), flight);
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
      prove(pool, slot, job.get());
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

  private void prove(final WorkerPool pool, final WorkerSlot slot, final ProofJob job) {
    final long startNanos = System.nanoTime();
    CompletableFuture<byte[]> proving;
    try {
      proving =
          slot.worker().prove(new ProofRequest(job.block(), pool.proofType(), job.attempts()));
    } catch (final RuntimeException e) {
      proving = CompletableFuture.failedFuture(e);
    }
    final InFlight flight = new InFlight(proving, new CompletableFuture<>());
    inFlight.put(job.key(), flight);
    proving
        .orTimeout(config.jobTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .handleAsync(
            (proof, error) -> {
              final Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
              try {
                if (error == null) {
                  proved(pool, slot, job, proof, took, flight);
                } else {
                  attemptFailed(slot, job, unwrap(error), took, flight);
                }
              } catch (final RuntimeException e) {
                LOG.warn(
                    "Bookkeeping of {} failed; its lease will expire: {}", job.key(), e.toString());
                finish(job, flight);
              }
              return null;
            },
            completions);
  }

  private void proved(
      final WorkerPool pool,
      final WorkerSlot slot,
      final ProofJob job,
      final byte[] proof,
      final Duration took,
      final InFlight flight) {
    slot.finished(true, took, null);
    metrics.proved(job.proofType(), took, proof.length);
    final byte[] record;
    try {
      record = encoder.encode(job.block(), pool.proofType(), proof);
    } catch (final IllegalArgumentException e) {
      retryOrFail(job, "invalid_proof", e.getMessage(), flight);
      return;
    }
    if (!store.recordProof(job.key(), config.proverId(), record, took)) {
      metrics.failure("lease_lost");
      finish(job, flight);
      return;
    }
    publish(job, record, flight);
  }

  private void attemptFailed(
      final WorkerSlot slot,
      final ProofJob job,
      final Throwable error,
      final Duration took,
      final InFlight flight) {
    if (error instanceof CancellationException && !running) {
      slot.abandoned();
      store.release(job.key(), config.proverId(), clock.instant());
      finish(job, flight);
      return;
    }
    slot.finished(false, took, error);
    final String reason =
        error instanceof TimeoutException
            ? "timeout"
            : error instanceof ProvingException proving ? proving.reason() : "worker_error";
    if (error instanceof TimeoutException) {
      flight.proving().cancel(false);
    }
    retryOrFail(job, reason, slot.worker().id() + ": " + error.getMessage(), flight);
  }

  private void retryOrFail(
      final ProofJob job, final String reason, final String message, final InFlight flight) {
    metrics.failure(reason);
    final Instant now = clock.instant();
    final String error = reason + ": " + message;
    if (job.attempts() >= config.maxAttempts()) {
      LOG.warn("Giving up {} after {} attempts: {}", job.key(), job.attempts(), error);
      store.fail(job.key(), config.proverId(), error, now);
    } else {
      store.retryLater(
          job.key(), config.proverId(), error, now.plus(config.backoffAfter(job.attempts())));
    }
    finish(job, flight);
  }

  private void publish(final ProofJob job, final byte[] record, final InFlight flight) {
    CompletableFuture<Void> sent;
    try {
      sent = sink.send(job, record);
    } catch (final RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.handleAsync(
        (ok, error) -> {
          try {
            final Instant now = clock.instant();
            if (error == null) {
              if (store.markProved(job.key(), config.proverId(), now)) {
                metrics.published(job.proofType());
              } else {
                metrics.failure("lease_lost");
              }
            } else {
              metrics.failure("publish_error");
              LOG.warn(
                  "Kafka did not take the proof of {}: {}", job.key(), unwrap(error).toString());
              store.deferPublication(
                  job.key(), config.proverId(), now.plus(config.retryInitialBackoff()));
            }
          } finally {
            finish(job, flight);
          }
          return null;
        },
        completions);
  }

  private void finish(final ProofJob job, final InFlight flight) {
    inFlight.remove(job.key(), flight);
    flight.done().complete(null);
    dispatchSoon();
  }

  private static Throwable unwrap(final Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static void awaitQuietly(final ScheduledExecutorService executor) {
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An attempt in progress: the worker's future and a signal that all bookkeeping is done. */
  private record InFlight(CompletableFuture<byte[]> proving, CompletableFuture<Void> done) {}
}
