package io.zkstateless.validator.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code validator_proofs_total{source,result,reason}} (all three bounded: three sources, three
 * verdicts, a fixed set of reasons) and {@code validator_proof_verification_seconds{proof_type}}.
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

  void verified(final String proofType, final Duration took) {
    Timer.builder("validator_proof_verification_seconds")
        .description("Time to verify one proof, by proof type")
        .tag("proof_type", proofType)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }
}
