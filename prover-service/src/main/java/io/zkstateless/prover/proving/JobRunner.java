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
    metrics.proved(job.proofType(), slot.worker().id(), took, proof.length);
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
      store.postpone(job.key(), config.proverId(), reason + ": " + error.getMessage(),
          clock.instant().plus(config.backoffAfter(1)));
      finish(job, flight);
      return;
    }
    retryOrFail(
        job,
        reason,
        slot.worker().id() + ": " + error.getMessage(),
        ProvingException.isPermanent(error),
        flight);
  }

  private void retryOrFail(
      final ProofJob job, final String reason, final String message, final InFlight flight) {
    retryOrFail(job, reason, message, false, flight);
  }

  private void retryOrFail(
      final ProofJob job,
      final String reason,
      final String message,
      final boolean permanent,
      final InFlight flight) {
    metrics.failure(reason);
    final Instant now = clock.instant();
    final String error = reason + ": " + message;
    if (permanent || job.attempts() >= config.maxAttempts()) {
      LOG.warn("Giving up {} after {} attempts: {}", job.key(), job.attempts(), error);
      store.fail(job.key(), config.proverId(), error, now);
    } else {
      store.retryLater(
          job.key(), config.proverId(), error, now.plus(config.backoffAfter(job.attempts())));
    }
    finish(job, flight);
  }

  /** Re-sends the stored record of a job whose replica stopped before Kafka's answer was kept. */
  void resend(final ProofJob job, final byte[] record) {
    final InFlight flight =
        new InFlight(CompletableFuture.completedFuture(null), new CompletableFuture<>());
    inFlight.put(job.key(), flight);
    publish(job, record, flight);
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
