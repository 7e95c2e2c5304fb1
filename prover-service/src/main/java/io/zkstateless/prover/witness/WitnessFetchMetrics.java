package io.zkstateless.prover.witness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Witness-fetch meters, named after zkboost's ({@code zkboost_witness_fetch_total}, {@code
 * _duration_seconds}, {@code zkboost_witness_bytes}): {@code prover_witness_fetch_total{outcome}}
 * with outcome {@code success} or a lower-case {@link FailureReason}, {@code
 * prover_witness_fetch_duration_seconds} (retries included) and {@code prover_witness_bytes}
 * (decoded size, what caches must be budgeted by).
 */
public final class WitnessFetchMetrics {

  /** Records nothing: a composite registry with no children. */
  public static final WitnessFetchMetrics NOOP =
      new WitnessFetchMetrics(new CompositeMeterRegistry());

  private final Counter successes;
  private final Map<FailureReason, Counter> failures = new EnumMap<>(FailureReason.class);
  private final Timer duration;
  private final DistributionSummary bytes;

  public WitnessFetchMetrics(final MeterRegistry registry) {
    this.successes = outcome(registry, "success");
    for (final FailureReason reason : FailureReason.values()) {
      failures.put(reason, outcome(registry, reason.name().toLowerCase(Locale.ROOT)));
    }
    this.duration =
        Timer.builder("prover.witness.fetch.duration")
            .description("Time to fetch one witness, not-ready retries included")
            .register(registry);
    this.bytes =
        DistributionSummary.builder("prover.witness.bytes")
            .description("Decoded size of fetched witnesses")
            .baseUnit("bytes")
            .register(registry);
  }

  void succeeded(final Duration took, final long witnessBytes) {
    successes.increment();
    duration.record(took);
    bytes.record(witnessBytes);
  }

  void failed(final Duration took, final FailureReason reason) {
    failures.get(reason).increment();
    duration.record(took);
  }

  private static Counter outcome(final MeterRegistry registry, final String outcome) {
    return Counter.builder("prover.witness.fetch")
        .description("Witness fetches by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
