package io.zkstateless.validator.gossip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * Gossip input metrics. Verdicts per source are already in {@code validator_proofs_total{source=
 * "gossip"}}; these add what only the p2p side sees.
 */
final class GossipMetrics {

  private final Counter disconnects;
  private final Counter overloaded;

  private final MeterRegistry registry;

  GossipMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.disconnects =
        Counter.builder("validator_gossip_peer_disconnects_total")
            .description("Peers disconnected for sending too many REJECTed proofs")
            .register(registry);
    this.overloaded =
        Counter.builder("validator_gossip_overloaded_total")
            .description("Gossip proofs IGNOREd because the validation queue was full")
            .register(registry);
  }

  /** Registers {@code validator_p2p_connections}, read from the node at scrape time. */
  void connections(final IntSupplier connections) {
    Gauge.builder("validator_p2p_connections", connections, IntSupplier::getAsInt)
        .description("Open libp2p connections")
        .register(registry);
  }

  void disconnected() {
    disconnects.increment();
  }

  void overloaded() {
    overloaded.increment();
  }
}
