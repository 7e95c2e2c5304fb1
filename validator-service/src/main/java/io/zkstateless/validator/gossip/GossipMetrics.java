package io.zkstateless.validator.gossip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gossip input metrics. Verdicts per source are already in {@code validator_proofs_total{source=
 * "gossip"}}; these add what only the p2p side sees.
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

  /**
   * Registers {@code libp2p_gossip_peer_score{stat="min|median|max"}} over the connected gossip
   * peers (NaN with none; one series per peer would be unbounded) and {@code
   * libp2p_gossip_peers_graylisted}, read from the node at scrape time.
   */
  void peerScores(final Supplier<Map<PeerId, Double>> scores, final IntSupplier graylisted) {
    for (final String stat : List.of("min", "median", "max")) {
      Gauge.builder("libp2p_gossip_peer_score", scores, s -> summary(s.get().values(), stat))
          .description("gossipsub v1.1 peer score over connected gossip peers")
          .tag("stat", stat)
          .strongReference(true) // the supplier is a method reference nothing else holds
          .register(registry);
    }
    Gauge.builder("libp2p_gossip_peers_graylisted", graylisted, IntSupplier::getAsInt)
        .description("Gossip peers below the graylist threshold, whose RPCs are ignored")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers {@code libp2p_connections_rejected_total{reason="protocol_violation|unexpected_error"}}:
   * connections the host closed because of what arrived on them, read at scrape time.
   */
  void connectionRejections(final ConnectionRejections rejections) {
    FunctionCounter.builder(
            "libp2p_connections_rejected_total", rejections, ConnectionRejections::protocolViolations)
        .description("Connections closed because of what arrived on them")
        .tag("reason", "protocol_violation")
        .register(registry);
    FunctionCounter.builder(
            "libp2p_connections_rejected_total", rejections, ConnectionRejections::unexpectedErrors)
        .description("Connections closed because of what arrived on them")
        .tag("reason", "unexpected_error")
        .register(registry);
  }

  /** The minimum, median (upper median for an even count) or maximum; NaN for no scores. */
  static double summary(final Collection<Double> scores, final String stat) {
    if (scores.isEmpty()) {
      return Double.NaN;
    }
    final List<Double> sorted = scores.stream().sorted().toList();
    return switch (stat) {
      case "min" -> sorted.getFirst();
      case "max" -> sorted.getLast();
      case "median" -> sorted.get(sorted.size() / 2);
      default -> throw new IllegalArgumentException("unknown statistic " + stat);
    };
  }

    void disconnected() {
    disconnects.increment();
  }

  void overloaded() {
    overloaded.increment();
  }
}
