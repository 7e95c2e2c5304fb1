package io.zkstateless.broadcaster.gossip;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * {@code broadcaster_peers{subnet}}: peers on each served subnet as the p2p node reports them, read
 * at scrape time. One gauge per served subnet, so the tag set is bounded by configuration. The
 * node's {@code libp2p_*} meters come from common-p2p's {@code Libp2pMetrics} on the same registry.
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
}
