package io.zkstateless.validator.gossip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Gossip input metrics. Verdicts per source are already in {@code validator_proofs_total{source=
 * "gossip"}}; these add what only the p2p side sees. The node's own {@code libp2p_*} meters (peers,
 * messages by topic and result, scores, rejected connections, rate limiting) come from common-p2p's
 * {@code Libp2pMetrics} on the same registry.
 */
final class GossipMetrics {

  private final Counter disconnects;
  private final Counter overloaded;

  private final MeterRegistry registry;
  private LongSupplier readPauses;

  GossipMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.disconnects =
        Counter.builder("validator_gossip_peer_disconnects_total")
            .description("Peers disconnected for sending too many REJECTed proofs")
            .register(registry);
    this.overloaded =
        Counter.builder("validator_gossip_overloaded_total")
            .description(
                "Gossip proofs left unvalidated (and forgotten, so a later copy gets in) because"
                    + " the validation queue was full")
            .register(registry);
  }

  /**
   * Registers {@code validator_gossip_read_pauses_total}: how often the node stopped reading from
   * its peers until its validation backlog went down (read from the node at scrape time).
   */
  void readPauses(final LongSupplier pauses) {
    this.readPauses = pauses; // a function counter holds it weakly; this (held by the input) not
    FunctionCounter.builder(
            "validator_gossip_read_pauses_total", pauses, p -> (double) p.getAsLong())
        .description("Times the node stopped reading from peers to let gossip validation catch up")
        .register(registry);
  }

  /** Registers {@code validator_p2p_connections}, read from the node at scrape time. */
  void connections(final IntSupplier connections) {
    Gauge.builder("validator_p2p_connections", connections, IntSupplier::getAsInt)
        .description("Open libp2p connections")
        .strongReference(true) // a weakly held method reference reads NaN after the next GC
        .register(registry);
  }

  void disconnected() {
    disconnects.increment();
  }

  void overloaded() {
    overloaded.increment();
  }
}
