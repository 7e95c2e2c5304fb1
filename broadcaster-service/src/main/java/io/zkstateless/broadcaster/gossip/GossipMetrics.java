package io.zkstateless.broadcaster.gossip;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.Set;

/**
 * {@code broadcaster_peers{subnet}}: peers on each served subnet as the p2p node reports them, read
 * at scrape time. One gauge per served subnet, so the tag set is bounded by configuration.
 */
public final class GossipMetrics {

  public GossipMetrics(
      final MeterRegistry registry, final GossipPublisher publisher, final Set<Integer> subnets) {
    for (final int subnet : subnets) {
      Gauge.builder("broadcaster_peers", publisher, p -> p.peersPerSubnet().getOrDefault(subnet, 0))
          .description("Connected peers subscribed to the execution-proof subnet")
          .tag("subnet", Integer.toString(subnet))
          .register(registry);
    }
  }

  /**
   * Registers {@code libp2p_connections_rejected_total{reason="protocol_violation|unexpected_error"}}:
   * connections the host closed because of what arrived on them, read at scrape time. Held weakly,
   * as the host holds {@code rejections} for as long as the node lives.
   */
  static void connectionRejections(
      final MeterRegistry registry, final ConnectionRejections rejections) {
    FunctionCounter.builder(
            "libp2p_connections_rejected_total",
            rejections,
            ConnectionRejections::protocolViolations)
        .description("Connections closed because of what arrived on them")
        .tag("reason", "protocol_violation")
        .register(registry);
    FunctionCounter.builder(
            "libp2p_connections_rejected_total",
            rejections,
            ConnectionRejections::unexpectedErrors)
        .description("Connections closed because of what arrived on them")
        .tag("reason", "unexpected_error")
        .register(registry);
  }
}
