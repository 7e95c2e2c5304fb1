package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer score gauges summarise the node's scores at scrape time. */
class GossipMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void peerScoreGaugesShowMinMedianMaxAndTheGraylistedCount() {
    final Map<PeerId, Double> scores = new HashMap<>();
    new GossipMetrics(registry).peerScores(() -> Map.copyOf(scores), () -> 1);
    assertThat(gauge("min")).isNaN();
    for (final double s : List.of(-20000.0, 3.0, 12.5, 1.0)) {
      scores.put(PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey()), s);
    }
    assertThat(gauge("min")).isEqualTo(-20000.0);
    assertThat(gauge("median")).isEqualTo(3.0);
    assertThat(gauge("max")).isEqualTo(12.5);
    assertThat(registry.get("libp2p_gossip_peers_graylisted").gauge().value()).isEqualTo(1.0);
  }

  private double gauge(final String stat) {
    return registry.get("libp2p_gossip_peer_score").tag("stat", stat).gauge().value();
  }
}
