package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipScoreConfig;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three loopback nodes with the default eth2 scoring: an attacker and an honest peer both dial the
 * victim. The attacker publishes undecodable proofs, which the victim's validator REJECTs; after 26
 * of them (P4: 25 per count squared) its score is below the graylist threshold, it is pruned from
 * the mesh and disconnected, while the honest peer's proofs keep arriving.
 */
class Eth2GossipScoringTest {

  private static final Multiaddr ANY_PORT = Multiaddr.fromString("/ip4/127.0.0.1/tcp/0");
  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);
  private static final double GRAYLIST = PeerScoreThresholds.ETH2.graylistThreshold();

  private final BlockingQueue<ExecutionProof> victimReceived = new LinkedBlockingQueue<>();
  private final List<Eth2GossipNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Eth2GossipNode::close);
  }

  @Test
  void aPeerWhoseMessagesAreRejectedIsGraylistedPrunedAndDisconnected() throws Exception {
    final Eth2GossipNode victim = node(List.of(), victimReceived);
    final Multiaddr bound = victim.start().withPeerId(victim.peerId());
    final Eth2GossipNode honest = node(List.of(bound), new LinkedBlockingQueue<>());
    final Eth2GossipNode attacker = node(List.of(bound), new LinkedBlockingQueue<>());
    honest.start();
    attacker.start();
    final GossipTopic topic = victim.executionProofTopic(0);
    nodes.forEach(n -> n.subscribe(topic));
    await(() -> victim.meshPeers(topic).size() == 2, "both peers in the victim's mesh");

    for (int i = 0; i < 30; i++) {
      attacker.publish(topic, new byte[] {(byte) 0xff, (byte) i, 1, 2, 3});
    }
    final PeerId bad = attacker.peerId();
    await(
        () -> victim.peerScores().getOrDefault(bad, 0.0) < GRAYLIST,
        "the attacker's score below the graylist threshold");
    await(() -> !victim.meshPeers(topic).contains(bad), "the attacker pruned");
    await(
        () -> victim.connections().stream().noneMatch(c -> c.remotePeerId().equals(bad)),
        "the attacker disconnected");

    final ExecutionProof proof = ExecutionProofGossipValidatorTest.proof(0);
    assertThat(honest.publish(topic, CODEC.encode(proof))).isEqualTo(1);
    assertThat(victimReceived.poll(5, TimeUnit.SECONDS)).isEqualTo(proof);
    assertThat(victim.peerScores().get(honest.peerId())).isGreaterThan(0);
    assertThat(victim.meshPeers(topic)).containsExactly(honest.peerId());
  }

  private Eth2GossipNode node(
      final List<Multiaddr> staticPeers, final BlockingQueue<ExecutionProof> received) {
    // The attacker must not be re-dialled while the test looks: a long redial backoff.
    final Eth2NodeConfig config =
        new Eth2NodeConfig(
            Secp256k1PrivateKey.generate(),
            ANY_PORT,
            staticPeers,
            "bfe0d3f4",
            Duration.ofSeconds(60),
            Duration.ofSeconds(60));
    final ExecutionProofGossipValidator validator =
        new ExecutionProofGossipValidator(
            "bfe0d3f4",
            CODEC,
            (from, subnet, proof) -> {
              received.add(proof);
              return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
            });
    final GossipScoreConfig defaults = Eth2GossipNode.defaultScoring("bfe0d3f4");
    final GossipScoreConfig scoring =
        new GossipScoreConfig(
            defaults.params(),
            defaults.thresholds(),
            defaults.dScore(),
            Optional.of(Duration.ofSeconds(1)),
            defaults.appSpecificScore());
    final Eth2GossipNode node =
        new Eth2GossipNode(config, validator, (id, message) -> {}, Optional.empty(), scoring);
    nodes.add(node);
    return node;
  }

  private static void await(final BooleanSupplier condition, final String what)
      throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
