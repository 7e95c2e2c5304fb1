package io.zkstateless.common.p2p.eth2;

import static io.zkstateless.common.p2p.eth2.Eth2GossipMetricsTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipRateLimit;
import io.zkstateless.common.p2p.gossip.GossipScoreConfig;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.ValidationBackpressure;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-peer rate limit between real nodes on loopback: the victim takes 20 messages/s (40 at
 * once) from each peer. A flooder publishes 300 messages back to back: those beyond the rate are
 * dropped, each a behaviour penalty, so the flooder is graylisted and disconnected. An honest peer
 * under the rate gets every message through, including one of the flooder's dropped messages: a
 * rate-limited message never entered the seen cache.
 */
class Eth2GossipRateLimitTest {

  private static final Multiaddr ANY_PORT = Multiaddr.fromString("/ip4/127.0.0.1/tcp/0");
  private static final String DIGEST = "bfe0d3f4";
  private static final GossipRateLimit LIMIT =
      new GossipRateLimit(
          20, 40, GossipRateLimit.DEFAULT.bytesPerSecond(), GossipRateLimit.DEFAULT.byteBurst());
  private static final int FLOOD = 300;

  private final List<Eth2GossipNode> nodes = new ArrayList<>();
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stop() {
    nodes.forEach(Eth2GossipNode::close);
  }

  @Test
  void aFloodingPeerIsCutToItsRateGraylistedAndDisconnectedWhileAnHonestOneGetsThrough()
      throws Exception {
    final MeterRegistry victimMeters = new SimpleMeterRegistry();
    final Eth2GossipNode victim = node(List.of(), victimMeters, true);
    final Multiaddr bound = victim.start().withPeerId(victim.peerId());
    final Eth2GossipNode honest = node(List.of(bound), new SimpleMeterRegistry(), false);
    final Eth2GossipNode flooder = node(List.of(bound), new SimpleMeterRegistry(), false);
    honest.start();
    flooder.start();
    final GossipTopic topic = victim.executionProofTopic(0);
    nodes.forEach(n -> n.subscribe(topic));
    await(() -> victim.meshPeerCount(topic) == 2, "both peers in the victim's mesh");

    for (int i = 0; i < 10; i++) {
      honest.publish(topic, message("honest", i));
    }
    await(() -> delivered.size() == 10, "the honest peer's first 10 messages delivered");

    for (int i = 0; i < FLOOD; i++) {
      flooder.publish(topic, message("flood", i));
    }
    final PeerId bad = flooder.peerId();
    await(
        () -> victim.peerScores().getOrDefault(bad, 0.0) < PeerScoreThresholds.ETH2.graylistThreshold(),
        "the flooder graylisted");
    await(
        () -> victim.connections().stream().noneMatch(c -> c.remotePeerId().equals(bad)),
        "the flooder disconnected");
    final double limited =
        victimMeters
            .get("libp2p_gossip_rate_limited_total")
            .tag("topic", "execution_proof_0")
            .counter()
            .count();
    final long floodDelivered = delivered.stream().filter(d -> d.startsWith("flood")).count();
    assertThat(limited).isGreaterThan(FLOOD / 2);
    assertThat(floodDelivered + (long) limited).isLessThanOrEqualTo(FLOOD);
    assertThat(delivered).doesNotContain("flood " + (FLOOD - 1));

    // The flooder's last message was dropped before the seen cache: an honest copy gets in.
    honest.publish(topic, message("flood", FLOOD - 1));
    for (int i = 10; i < 20; i++) {
      honest.publish(topic, message("honest", i));
    }
    await(
        () -> delivered.contains("flood " + (FLOOD - 1)),
        "the honest copy of a rate-limited message delivered");
    await(
        () -> delivered.stream().filter(d -> d.startsWith("honest")).count() == 20,
        "every honest message delivered");
    assertThat(victim.peerScores().get(honest.peerId())).isNotNegative();
    assertThat(victim.connections()).anyMatch(c -> c.remotePeerId().equals(honest.peerId()));
  }

  private static byte[] message(final String who, final int n) {
    return (who + " " + n).getBytes(StandardCharsets.US_ASCII);
  }

  private Eth2GossipNode node(
      final List<Multiaddr> staticPeers, final MeterRegistry meters, final boolean records) {
    // A long redial backoff: the flooder must not come back while the test looks.
    final Eth2NodeConfig config =
        new Eth2NodeConfig(
                Secp256k1PrivateKey.generate(),
                ANY_PORT,
                staticPeers,
                DIGEST,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60))
            .withMeterRegistry(meters);
    final GossipValidator validator =
        (from, message) -> {
          if (records) {
            delivered.add(new String(message.data(), StandardCharsets.US_ASCII));
          }
          return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
        };
    final GossipScoreConfig defaults = Eth2GossipNode.defaultScoring(DIGEST);
    final GossipScoreConfig scoring =
        new GossipScoreConfig(
            defaults.params(),
            defaults.thresholds(),
            defaults.dScore(),
            Optional.of(Duration.ofSeconds(1)),
            defaults.appSpecificScore());
    final GossipParams params = GossipParams.ETH2.withRateLimit(LIMIT);
    final Eth2GossipNode node =
        new Eth2GossipNode(
            config,
            validator,
            (id, message) -> {},
            Optional.empty(),
            scoring,
            params,
            ValidationBackpressure.defaultFor(params.maxPendingValidations()));
    nodes.add(node);
    return node;
  }
}
