package io.zkstateless.validator.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code validator_proofs_total{source,result,reason}} (all three bounded: three sources, three
 * verdicts, a fixed set of reasons), {@code validator_proof_verification_seconds{proof_type}} and
 * the park's counters (dropped, written, restored), each with a fixed set of tag values.
 */
public class IngestMetrics {

  private final MeterRegistry registry;

  public IngestMetrics(final MeterRegistry registry) {
    this.registry = registry;
  }

  void count(final ProofSource source, final IngestResult result) {
    Counter.builder("validator_proofs_total")
        .description("Proofs received, by source, verdict and reason")
        .tag("source", source.kind().tag())
        .tag("result", result.verdict().name().toLowerCase(java.util.Locale.ROOT))
        .tag("reason", result.reason())
        .register(registry)
        .increment();
  }

  /** A parked proof left without a replay: {@code expired}, {@code too_many}, {@code too_many_bytes}. */
  void parkDropped(final String reason) {
    Counter.builder("validator_pending_proofs_dropped_total")
        .description("Proofs that stopped waiting for their block without being verified, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /**
   * What became of writing a parked proof to PostgreSQL: {@code written}, {@code over_budget},
   * {@code table_full}, {@code store_error}.
   */
  void parkWrite(final String outcome) {
    Counter.builder("validator_parked_proofs_writes_total")
        .description("Parked proofs written to PostgreSQL (or why not), by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Rows read back at start-up: {@code restored}, {@code expired}, {@code no_room}, {@code invalid}. */
  void parkRestored(final String outcome, final int rows) {
    Counter.builder("validator_parked_proofs_restored_total")
        .description("Parked proof rows read back at start-up, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment(rows);
  }

  void verified(final String proofType, final Duration took) {
    Timer.builder("validator_proof_verification_seconds")
        .description("Time to verify one proof, by proof type")
        .tag("proof_type", proofType)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }
}
