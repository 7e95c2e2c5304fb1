package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.score.PeerScoreParams;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import io.zkstateless.common.p2p.gossip.score.TopicScoreParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router's use of peer scores, against scripted peers. Scores are set through P5 (the
 * application score) where only a threshold matters, and earned through REJECTs (P4: -10 times
 * the count squared) and misbehaviour (P7: -1 times the count squared) where the path matters.
 */
class GossipRouterScoringTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/execution_proof_0/ssz_snappy";
  private static final List<PeerId> PEERS =
      IntStream.range(0, 14)
          .mapToObj(i -> PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey()))
          .toList();
  private static final PeerId P0 = PEERS.get(0);
  private static final PeerId P1 = PEERS.get(1);

  private static final TopicScoreParams TOPIC_PARAMS =
      new TopicScoreParams(
          1, 0, Duration.ofSeconds(1), 1, 1, 0.5, 100, 0, 0.5, 1, 1, Duration.ZERO,
          Duration.ofSeconds(1), 0, 0.5, -10, 0.5);
  private static final PeerScoreThresholds THRESHOLDS =
      new PeerScoreThresholds(-5, -15, -35, 0, 5);

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final List<Sent> sent = new ArrayList<>();
  private final List<GossipMessage> delivered = new ArrayList<>();
  private final Map<PeerId, Double> app = new HashMap<>();
  private GossipValidator.Result verdict = GossipValidator.Result.ACCEPT;
  private GossipRouter router;

  private record Sent(PeerId to, GossipRpc rpc) {}

  @BeforeEach
  void setUp() {
    final PeerScoreParams params =
        new PeerScoreParams(
            Map.of(TOPIC, TOPIC_PARAMS), 0, 1, 0, 1, -1, 0, 0.5, Duration.ofSeconds(1), 0.01,
            Duration.ofSeconds(60));
    router =
        new GossipRouter(
            GossipParams.ETH2,
            GossipRouterTest::sha256Id,
            (from, message) -> CompletableFuture.completedFuture(verdict),
            (id, message) -> delivered.add(message),
            (peer, rpc) -> sent.add(new Sent(peer, rpc)),
            now::get,
            new GossipScoreConfig(
                params,
                THRESHOLDS,
                GossipScoreConfig.DEFAULT_D_SCORE,
                Optional.of(Duration.ofSeconds(2)),
                p -> app.getOrDefault(p, 0.0)));
  }

  @Test
  void rejectedMessagesSinkTheSenderUntilAllItsRpcsAreIgnored() {
    connect(3);
    router.subscribe(TOPIC);
    verdict = GossipValidator.Result.REJECT;
    router.onRpc(P0, message(1));
    assertThat(router.peerScores().get(P0)).isEqualTo(-10.0);
    router.onRpc(P0, message(2));
    assertThat(router.peerScores().get(P0)).isEqualTo(-40.0); // below graylist (-35)
    verdict = GossipValidator.Result.ACCEPT;
    router.onRpc(P0, message(3));
    router.onRpc(P1, message(4));
    assertThat(delivered).extracting(m -> m.data()[0]).containsExactly((byte) 4);
    assertThat(router.peerScores().get(P1)).isEqualTo(1.0); // P2: one first delivery
  }

  @Test
  void malformedRpcsAreBehaviourPenaltiesUntilThePeerIsGraylisted() {
    connect(3);
    router.subscribe(TOPIC);
    final DecodeException junk = new DecodeException("gossipsub RPC", 0, "not a protobuf");
    router.onMalformedRpc(P0, junk);
    assertThat(router.peerScores().get(P0)).isEqualTo(-1.0); // P7: 1 squared, weight -1
    for (int i = 0; i < 5; i++) {
      router.onMalformedRpc(P0, junk);
    }
    assertThat(router.peerScores().get(P0)).isEqualTo(-36.0); // below graylist (-35)
    assertThat(router.malformedRpcs()).isEqualTo(6);
    router.onRpc(P0, message(1)); // graylisted: ignored
    assertThat(delivered).isEmpty();
  }

  @Test
  void negativeScoresArePrunedFromTheMeshAndNeverGrafted() {
    connect(3);
    app.put(P1, -1.0);
    router.subscribe(TOPIC);
    assertThat(router.meshPeers(TOPIC)).containsExactlyInAnyOrder(P0, PEERS.get(2));
    app.put(P0, -1.0);
    sent.clear();
    router.heartbeat();
    assertThat(router.meshPeers(TOPIC)).containsExactly(PEERS.get(2));
    assertThat(sent).anyMatch(s -> s.to().equals(P0) && !s.rpc().control().prune().isEmpty());
    // A GRAFT from a negative peer is answered with PRUNE.
    sent.clear();
    router.onRpc(P1, control(new Control(List.of(), List.of(), List.of(new Graft(TOPIC)),
        List.of(), List.of())));
    assertThat(router.meshPeers(TOPIC)).doesNotContain(P1);
    assertThat(sent).anyMatch(s -> s.to().equals(P1) && !s.rpc().control().prune().isEmpty());
  }

  @Test
  void noGossipWithPeersBelowTheGossipThresholdAndNoPublishingBelowThePublishThreshold() {
    connect(12);
    router.subscribe(TOPIC);
    final PeerId outsider =
        PEERS.stream().filter(p -> !router.meshPeers(TOPIC).contains(p)).findFirst().orElseThrow();
    app.put(outsider, -6.0);
    assertThat(router.publish(TOPIC, new byte[] {7})).isEqualTo(12); // -6 >= publish (-15)
    sent.clear();
    router.heartbeat();
    assertThat(sent).noneMatch(s -> s.to().equals(outsider));
    final byte[] unknown = GossipRouterTest.sha256Id(GossipMessage.unsigned(TOPIC, new byte[] {9}))
        .toBytes();
    final byte[] ours = GossipRouterTest.sha256Id(GossipMessage.unsigned(TOPIC, new byte[] {7}))
        .toBytes();
    router.onRpc(
        outsider,
        control(
            new Control(
                List.of(new IHave(TOPIC, List.of(unknown))),
                List.of(new IWant(List.of(ours))),
                List.of(),
                List.of(),
                List.of())));
    assertThat(sent).noneMatch(s -> s.to().equals(outsider)); // neither IWANT nor the message
    app.put(outsider, -16.0);
    assertThat(router.publish(TOPIC, new byte[] {8})).isEqualTo(11);
  }

  @Test
  void aGraftDuringBackoffAndABrokenIwantPromiseArePenalised() {
    connect(2);
    router.subscribe(TOPIC);
    router.onRpc(P0, control(new Control(List.of(), List.of(), List.of(),
        List.of(new Prune(TOPIC, List.of(), Optional.of(60L))), List.of())));
    router.onRpc(P0, control(new Control(List.of(), List.of(), List.of(new Graft(TOPIC)),
        List.of(), List.of())));
    assertThat(router.peerScores().get(P0)).isEqualTo(-1.0); // P7: 1 squared, weight -1
    final GossipMessage kept = GossipMessage.unsigned(TOPIC, new byte[] {1});
    final GossipMessage broken = GossipMessage.unsigned(TOPIC, new byte[] {2});
    router.onRpc(P1, ihave(kept));
    router.onRpc(P0, ihave(broken));
    router.onRpc(P1, new GossipRpc(List.of(), List.of(kept), Control.EMPTY));
    now.set(now.get().plus(GossipScoring.IWANT_FOLLOWUP));
    router.heartbeat(); // decays P0's first penalty to 0.5, then adds 1: 1.5 squared
    assertThat(router.peerScores().get(P0)).isEqualTo(-2.25);
    assertThat(router.peerScores().get(P1)).isEqualTo(0.5); // kept its promise; P2 decayed
  }

  @Test
  void peersGraylistedForLongEnoughAreToBeDisconnected() {
    connect(2);
    app.put(P0, -50.0);
    router.heartbeat();
    assertThat(router.graylistedPeerCount()).isEqualTo(1);
    assertThat(router.peersToDisconnect()).isEmpty();
    now.set(now.get().plusSeconds(2));
    router.heartbeat();
    assertThat(router.peersToDisconnect()).containsExactly(P0);
    app.put(P0, 0.0);
    router.heartbeat();
    assertThat(router.peersToDisconnect()).isEmpty();
  }

  @Test
  void anOverfullMeshKeepsItsBestScores() {
    connect(13);
    // Outbound, so that the mesh takes GRAFTs beyond D_high (it refuses inbound peers there).
    PEERS.subList(0, 13).forEach(p -> router.setOutbound(p, true));
    final List<PeerId> best = PEERS.subList(0, GossipScoreConfig.DEFAULT_D_SCORE);
    best.forEach(p -> app.put(p, 10.0));
    router.subscribe(TOPIC);
    PEERS.subList(0, 13).forEach(p -> router.onRpc(p, control(
        new Control(List.of(), List.of(), List.of(new Graft(TOPIC)), List.of(), List.of()))));
    assertThat(router.meshPeers(TOPIC)).hasSize(13);
    router.heartbeat();
    assertThat(router.meshPeers(TOPIC)).hasSize(GossipParams.ETH2.d()).containsAll(best);
  }

  @Test
  void aMeshWithALowMedianScoreGraftsBetterPeersOpportunistically() {
    connect(10);
    router.subscribe(TOPIC);
    final List<PeerId> outside =
        PEERS.subList(0, 10).stream().filter(p -> !router.meshPeers(TOPIC).contains(p)).toList();
    assertThat(outside).hasSize(2);
    outside.forEach(p -> app.put(p, 10.0));
    for (int i = 1; i < GossipScoring.OPPORTUNISTIC_GRAFT_TICKS; i++) {
      router.heartbeat();
    }
    assertThat(router.meshPeers(TOPIC)).doesNotContainAnyElementsOf(outside);
    router.heartbeat();
    assertThat(router.meshPeers(TOPIC)).hasSize(10).containsAll(outside);
  }

  private void connect(final int count) {
    for (final PeerId p : PEERS.subList(0, count)) {
      router.onOutboundStream(p);
      router.onRpc(p, GossipRpc.of(List.of(new Subscription(true, TOPIC))));
    }
  }

  private static GossipRpc message(final int n) {
    return new GossipRpc(
        List.of(), List.of(GossipMessage.unsigned(TOPIC, new byte[] {(byte) n})), Control.EMPTY);
  }

  private static GossipRpc ihave(final GossipMessage message) {
    return control(
        new Control(
            List.of(
                new IHave(TOPIC, List.of(GossipRouterTest.sha256Id(message).toBytes()))),
            List.of(),
            List.of(),
            List.of(),
            List.of()));
  }

  private static GossipRpc control(final Control control) {
    return new GossipRpc(List.of(), List.of(), control);
  }
}
