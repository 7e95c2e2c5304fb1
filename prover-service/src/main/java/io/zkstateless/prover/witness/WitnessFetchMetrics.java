package io.zkstateless.prover.witness;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Witness-fetch meters, in zkboost's spirit and named as the prover issue lists them: {@code
 * prover_witness_fetch_seconds{outcome}} (time per fetch, not-ready retries included; its {@code
 * _count} is the number of fetches by outcome, {@code success} or a lower-case {@link
 * FailureReason}) and {@code prover_witness_bytes} (decoded size, what caches must be budgeted by).
 * One timer per outcome rather than a counter beside a timer: the count comes with the time.
 */
public final class WitnessFetchMetrics {

  /** Records nothing: a composite registry with no children. */
  public static final WitnessFetchMetrics NOOP =
      new WitnessFetchMetrics(new CompositeMeterRegistry());

  private final Timer successes;
  private final Map<FailureReason, Timer> failures = new EnumMap<>(FailureReason.class);
  private final DistributionSummary bytes;

  public WitnessFetchMetrics(final MeterRegistry registry) {
    this.successes = outcome(registry, "success");
    for (final FailureReason reason : FailureReason.values()) {
      failures.put(reason, outcome(registry, reason.name().toLowerCase(Locale.ROOT)));
    }
    this.bytes =
        DistributionSummary.builder("prover.witness.bytes")
            .description("Decoded size of fetched witnesses")
            .baseUnit("bytes")
            .register(registry);
  }

  void succeeded(final Duration took, final long witnessBytes) {
    successes.record(took);
    bytes.record(witnessBytes);
  }

  void failed(final Duration took, final FailureReason reason) {
    failures.get(reason).record(took);
  }

  private static Timer outcome(final MeterRegistry registry, final String outcome) {
    return Timer.builder("prover.witness.fetch")
        .description("Time to fetch one witness, not-ready retries included, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
