package io.zkstateless.prover.proving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zkstateless.prover.jobs.JobState;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job pipeline's meters, named in zkboost's spirit: {@code
 * prover_prove_seconds{proof_type,worker,outcome}} (histogram),
 * {@code prover_proof_bytes{proof_type}}, {@code prover_jobs{state}}, {@code
 * prover_queue_depth{proof_type}}, {@code prover_failures_total{reason}}, {@code
 * prover_proofs_published_total{proof_type}}, {@code prover_jobs_dropped_total{reason}} and {@code
 * prover_workers{proof_type,state}}. Labels are bounded: proof types and workers come from
 * configuration, reasons, outcomes and states are fixed sets.
 */
public final class ProverMetrics {

  public static final String OUTCOME_PROVED = "proved";
  public static final String OUTCOME_FAILED = "failed";
  public static final String OUTCOME_TIMEOUT = "timeout";

  private final MeterRegistry registry;
  private final Map<JobState, AtomicLong> jobs = new EnumMap<>(JobState.class);
  private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();

  public ProverMetrics(final MeterRegistry registry, final Collection<String> proofTypes) {
    this.registry = registry;
    for (final JobState state : JobState.values()) {
      final AtomicLong value = new AtomicLong();
      jobs.put(state, value);
      Gauge.builder("prover.jobs", value, AtomicLong::get)
          .description("Proof jobs in the job table by state")
          .tag("state", state.label())
          .register(registry);
    }
    for (final String proofType : proofTypes) {
      final AtomicLong value = new AtomicLong();
      queueDepth.put(proofType, value);
      Gauge.builder("prover.queue.depth", value, AtomicLong::get)
          .description("Queued proof jobs waiting for a worker")
          .tag("proof_type", proofType)
          .register(registry);
    }
  }

  /** {@code prover_workers{proof_type,state=total|busy|healthy}}, read from the pools. */
  public void bindWorkers(final Collection<WorkerPool> pools) {
    for (final WorkerPool pool : pools) {
      final String type = pool.proofType().name();
      Gauge.builder("prover.workers", pool, p -> p.slots().size())
          .description("zkVM workers by state")
          .tags("proof_type", type, "state", "total")
          .register(registry);
      Gauge.builder("prover.workers", pool, WorkerPool::busyWorkers)
          .description("zkVM workers by state")
          .tags("proof_type", type, "state", "busy")
          .register(registry);
      Gauge.builder("prover.workers", pool, WorkerPool::healthyWorkers)
          .description("zkVM workers by state")
          .tags("proof_type", type, "state", "healthy")
          .register(registry);
    }
  }

  /**
   * One attempt on a worker: {@code prover_prove_seconds{proof_type,worker,outcome}} (a histogram,
   * so dashboards can show quantiles per proof type or spot a slow GPU), and for a proof its size.
   * Outcomes are {@code proved}, {@code failed} and {@code timeout}; attempts cancelled by shutdown
   * are not recorded.
   */
  public void attempt(
      final String proofType, final String worker, final String outcome, final Duration took) {
    Timer.builder("prover.prove")
        .description("Time a worker spent on one proving attempt")
        .tags("proof_type", proofType, "worker", worker, "outcome", outcome)
        .publishPercentileHistogram()
        // Proving takes seconds to minutes; buckets up to an hour cover every job timeout.
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry)
        .record(took);
  }

  public void proved(
      final String proofType, final String worker, final Duration took, final int proofBytes) {
    attempt(proofType, worker, OUTCOME_PROVED, took);
    DistributionSummary.builder("prover.proof")
        .baseUnit("bytes")
        .description("Size of the proofs made")
        .tag("proof_type", proofType)
        .register(registry)
        .record(proofBytes);
  }

  public void published(final String proofType) {
    Counter.builder("prover.proofs.published")
        .description("Proofs Kafka acknowledged")
        .tag("proof_type", proofType)
        .register(registry)
        .increment();
  }

  /** A failed attempt or step; {@code reason} is one of a small fixed set. */
  public void failure(final String reason) {
    Counter.builder("prover.failures")
        .description("Failed proving attempts and publishing steps by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void dropped(final String reason, final int count) {
    if (count > 0) {
      Counter.builder("prover.jobs.dropped")
          .description("Jobs given up unproved")
          .tag("reason", reason)
          .register(registry)
          .increment(count);
    }
  }

  /** Sets the gauges from a fresh count of the job table. */
  public void refresh(final Map<JobState, Long> byState, final Map<String, Long> queuedByType) {
    byState.forEach((state, count) -> jobs.get(state).set(count));
    queueDepth.forEach((type, value) -> value.set(queuedByType.getOrDefault(type, 0L)));
  }
}
