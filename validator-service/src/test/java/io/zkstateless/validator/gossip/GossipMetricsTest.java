package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The validator's own gossip meters; the {@code libp2p_*} ones (peer scores, graylisted peers,
 * rejected connections) are common-p2p's {@code Libp2pMetrics}, tested there and, on the Spring
 * registry, in {@link ValidatorReqRespTest}.
 */
class GossipMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GossipMetrics metrics = new GossipMetrics(registry);

  @Test
  void connectionsAndReadPausesAreReadFromTheNodeAtScrapeTime() {
    final AtomicInteger connections = new AtomicInteger(2);
    final AtomicLong pauses = new AtomicLong();
    metrics.connections(connections::get);
    metrics.readPauses(pauses::get);
    connections.set(5);
    pauses.set(3);
    assertThat(registry.get("validator_p2p_connections").gauge().value()).isEqualTo(5.0);
    assertThat(registry.get("validator_gossip_read_pauses_total").functionCounter().count())
        .isEqualTo(3.0);
  }

  @Test
  void disconnectsAndOverloadsAreCounted() {
    metrics.disconnected();
    metrics.overloaded();
    metrics.overloaded();
    assertThat(registry.get("validator_gossip_peer_disconnects_total").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("validator_gossip_overloaded_total").counter().count()).isEqualTo(2.0);
  }
}
