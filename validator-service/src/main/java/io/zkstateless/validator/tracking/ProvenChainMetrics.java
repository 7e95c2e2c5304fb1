package io.zkstateless.validator.tracking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.validator.chain.ChainHeads;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The dual view as gauges. The gap between the optimistic and the proven head is the headline
 * metric of the product; all gauges read NaN until the view has a finalized checkpoint.
 */
@Component
public class ProvenChainMetrics {

  public ProvenChainMetrics(final ProvenChainService chain, final MeterRegistry registry) {
    gauge(registry, chain, "validator_optimistic_head_slot", "Slot of the beacon node's head", h -> h.optimisticHead().slot());
    gauge(registry, chain, "validator_proven_head_slot", "Slot of the highest block proven all the way from finality", h -> h.provenHead().slot());
    gauge(registry, chain, "validator_latest_proven_slot", "Slot of the highest proven canonical block", h -> h.latestProven().slot());
    gauge(registry, chain, "validator_finalized_slot", "Slot of the finalized checkpoint", h -> h.finalized().slot());
    gauge(registry, chain, "validator_proven_gap_slots", "Slots the proven head trails the optimistic head", ChainHeads::gapSlots);
  }

  private static void gauge(
      final MeterRegistry registry,
      final ProvenChainService chain,
      final String name,
      final String description,
      final ToDoubleFunction<ChainHeads> value) {
    Gauge.builder(name, chain, c -> c.heads().map(value::applyAsDouble).orElse(Double.NaN))
        .description(description)
        .register(registry);
  }
}
