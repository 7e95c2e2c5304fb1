package io.zkstateless.prover.proving;

import io.zkstateless.prover.config.ProofJobProperties;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.publish.ProofEncoder;
import io.zkstateless.prover.publish.ProofSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one leased job through an attempt: the worker (bounded by the job timeout), then, on
 * success, the stored record and the send; on failure, a retry with backoff or, after the last
 * attempt, {@code failed}. Every database step is fenced on this prover's lease (see {@link
 * ProofJobStore}). Completions run on {@code completions}, never on a worker's or Kafka's thread.
 */
final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final ProofJobStore store;
  private final ProofEncoder encoder;
  private final ProofSink sink;
  private final ProofJobProperties config;
  private final ProverMetrics metrics;
  private final Clock clock;
  private final Executor completions;
  private final Runnable onFinished;
  private final StoreRetry storeRetry;
  private final Map<JobKey, InFlight> inFlight = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  JobRunner(
      final ProofJobStore store,
      final ProofEncoder encoder,
      final ProofSink sink,
      final ProofJobProperties config,
      final ProverMetrics metrics,
      final Clock clock,
      final Executor completions,
      final Runnable onFinished) {
    this.store = store;
    this.encoder = encoder;
    this.sink = sink;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.completions = completions;
    this.onFinished = onFinished;
    this.storeRetry =
        new StoreRetry(completions, clock, () -> stopping, () -> metrics.failure("db_error"));
  }

  int inFlight() {
    return inFlight.size();
  }

  /**
   * Shutdown: attempts on workers are cancelled and their jobs go back to the queue uncounted;
   * sends already under way are awaited (up to the publish timeout) so they are recorded.
   */
  void cancelAndAwait() {
    stopping = true;
    inFlight.values().forEach(flight -> flight.proving().cancel(false));
    final CompletableFuture<?>[] pending =
        inFlight.values().stream().map(InFlight::done).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(pending)
          .get(config.publishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final ExecutionException | TimeoutException e) {
      LOG.warn(
          "{} proof jobs still in flight at shutdown; they are taken back on restart",
          inFlight.size());
    }
  }

  /** Runs one attempt of {@code job} on the reserved {@code slot}, then publishes its proof. */
  void prove(final WorkerPool pool, final WorkerSlot slot, final ProofJob job) {
    final long startNanos = System.nanoTime();
    final Instant deadline = bookkeepingDeadline();
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
                  proved(pool, slot, job, proof, took, flight, deadline);
                } else {
                  attemptFailed(slot, job, unwrap(error), took, flight, deadline);
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
      final InFlight flight,
      final Instant deadline) {
    slot.finished(true, took, null);
    metrics.proved(job.proofType(), slot.worker().id(), took, proof.length);
    final byte[] record;
    try {
      record = encoder.encode(job.block(), pool.proofType(), proof);
    } catch (final IllegalArgumentException e) {
      retryOrFail(job, "invalid_proof", e.getMessage(), false, flight, deadline);
      return;
    }
    storeRetry.run(
        "the proof of " + job.key(),
        () -> store.recordProof(job.key(), config.proverId(), record, took),
        stored -> {
          if (stored) {
            publish(job, record, flight, deadline);
          } else {
            metrics.failure("lease_lost");
            finish(job, flight);
          }
        },
        deadline,
        e -> abandon(job, flight, e));
  }

  private void attemptFailed(
      final WorkerSlot slot,
      final ProofJob job,
      final Throwable error,
      final Duration took,
      final InFlight flight,
      final Instant deadline) {
    if (error instanceof CancellationException && stopping) {
      slot.abandoned();
      store.release(job.key(), config.proverId(), clock.instant());
      finish(job, flight);
      return;
    }
    slot.finished(false, took, error);
    metrics.attempt(
        job.proofType(),
        slot.worker().id(),
        error instanceof TimeoutException
            ? ProverMetrics.OUTCOME_TIMEOUT
            : ProverMetrics.OUTCOME_FAILED,
        took);
    final String reason =
        error instanceof TimeoutException
            ? "timeout"
            : error instanceof ProvingException proving ? proving.reason() : "worker_error";
    if (error instanceof TimeoutException) {
      flight.proving().cancel(false);
    }
    if (ProvingException.isOutage(error)) {
      // The dependency did not answer: wait for it without using up the job's attempts.
      metrics.failure(reason);
      final String why = reason + ": " + error.getMessage();
      storeRetry.run(
          "the postponement of " + job.key(),
          () -> store.postpone(job.key(), config.proverId(), why,
              clock.instant().plus(config.backoffAfter(1))),
          postponed -> finish(job, flight),
          deadline,
          e -> abandon(job, flight, e));
      return;
    }
    retryOrFail(
        job,
        reason,
        slot.worker().id() + ": " + error.getMessage(),
        ProvingException.isPermanent(error),
        flight,
        deadline);
  }

  private void retryOrFail(
      final ProofJob job,
      final String reason,
      final String message,
      final boolean permanent,
      final InFlight flight,
      final Instant deadline) {
    metrics.failure(reason);
    final String error = reason + ": " + message;
    final boolean last = permanent || job.attempts() >= config.maxAttempts();
    if (last) {
      LOG.warn("Giving up {} after {} attempts: {}", job.key(), job.attempts(), error);
    }
    storeRetry.run(
        "the retry or failure of " + job.key(),
        () -> last
            ? store.fail(job.key(), config.proverId(), error, clock.instant())
            : store.retryLater(job.key(), config.proverId(), error,
                clock.instant().plus(config.backoffAfter(job.attempts()))),
        moved -> finish(job, flight),
        deadline,
        e -> abandon(job, flight, e));
  }

  /** Re-sends the stored record of a job whose replica stopped before Kafka's answer was kept. */
  void resend(final ProofJob job, final byte[] record) {
    final InFlight flight =
        new InFlight(CompletableFuture.completedFuture(null), new CompletableFuture<>());
    inFlight.put(job.key(), flight);
    publish(job, record, flight, bookkeepingDeadline());
  }

  private void publish(
      final ProofJob job, final byte[] record, final InFlight flight, final Instant deadline) {
    CompletableFuture<Void> sent;
    try {
      sent = sink.send(job, record);
    } catch (final RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.handleAsync(
        (ok, error) -> {
          if (error == null) {
            // Kafka has the proof; until the row says so, only this memory knows it was sent.
            storeRetry.run(
                "the publication of " + job.key(),
                () -> store.markProved(job.key(), config.proverId(), clock.instant()),
                marked -> {
                  if (marked) {
                    metrics.published(job.proofType());
                  } else {
                    metrics.failure("lease_lost");
                  }
                  finish(job, flight);
                },
                deadline,
                e -> abandon(job, flight, e));
          } else {
            metrics.failure("publish_error");
            LOG.warn(
                "Kafka did not take the proof of {}: {}", job.key(), unwrap(error).toString());
            storeRetry.run(
                "the deferred publication of " + job.key(),
                () -> store.deferPublication(job.key(), config.proverId(),
                    clock.instant().plus(config.retryInitialBackoff())),
                deferred -> finish(job, flight),
                deadline,
                e -> abandon(job, flight, e));
          }
          return null;
        },
        completions);
  }

  /**
   * Until when a bookkeeping step of an attempt leased now may be retried: well inside the lease,
   * since once it ends the job can be claimed again, even by this replica under the same id.
   */
  private Instant bookkeepingDeadline() {
    return clock.instant().plus(config.leaseDuration().multipliedBy(9).dividedBy(10));
  }

  private void abandon(final ProofJob job, final InFlight flight, final RuntimeException error) {
    LOG.warn("Bookkeeping of {} failed; its lease will expire: {}", job.key(), error.toString());
    finish(job, flight);
  }

  private void finish(final ProofJob job, final InFlight flight) {
    inFlight.remove(job.key(), flight);
    flight.done().complete(null);
    onFinished.run();
  }

  private static Throwable unwrap(final Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** An attempt in progress: the worker's future and a signal that all bookkeeping is done. */
  private record InFlight(CompletableFuture<byte[]> proving, CompletableFuture<Void> done) {}
}
