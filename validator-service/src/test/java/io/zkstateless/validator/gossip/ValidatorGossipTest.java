package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The validator's gossip input on a real node: peer A publishes proofs on {@code
 * execution_proof_7}; peer C, also connected only to the validator, sees what the validator
 * forwards. Both are the validator's static peers.
 */
@SpringBootTest(
    properties = {
      "validator.p2p.fork-digest=0xbfe0d3f4",
      "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0",
      "validator.p2p.reject-threshold=2"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"proven-blocks", "execution-proofs"})
class ValidatorGossipTest {

  private static final String ZERO = Bytes32.ZERO.toHexString();
  private static final String GENESIS = "0x" + "11".repeat(32);
  private static final String BLOCK_1 = "0x" + "44".repeat(32);
  private static final String PAYLOAD_1 = "0x" + "55".repeat(32);
  private static final GossipTopic TOPIC_7 =
      new GossipTopic("bfe0d3f4", GossipTopic.EXECUTION_PROOF_PREFIX + 7);
  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);

  private static final BlockingQueue<GossipMessage> AT_C = new LinkedBlockingQueue<>();
  private static final Eth2GossipNode PEER_A = peer(new LinkedBlockingQueue<>());
  private static final Eth2GossipNode PEER_C = peer(AT_C);
  private static ScriptedBeaconNode beacon;

  @Autowired private ProvenChainService chain;
  @Autowired private MeterRegistry meters;
  @Autowired private ValidatorP2pNode node;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(GENESIS, 0, ZERO, ZERO, 0));
    registry.add("validator.beacon.url", () -> beacon.url().toString());
    registry.add(
        "validator.p2p.static-peers", () -> String.join(",", address(PEER_A), address(PEER_C)));
  }

  @AfterAll
  static void stop() {
    PEER_A.close();
    PEER_C.close();
    beacon.close();
  }

  @Test
  void rejectsAndPenalisesInvalidProofsAndForwardsAValidOneThatProvesTheBlock() throws Exception {
    assertThat(node.isRunning()).isTrue();
    beacon.addBlock(new ScriptedBeaconNode.Block(BLOCK_1, 1, GENESIS, PAYLOAD_1, 100));
    beacon.setHead(BLOCK_1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> chain.heads().map(heads -> heads.optimisticHead().slot() == 1).orElse(false));
    awaitMeshes();

    // Subnet 3 inside, topic 7 outside: the pipeline REJECTs a subnet mismatch. Not forwarded.
    PEER_A.publish(TOPIC_7, CODEC.encode(proof(3, 1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> count("reject", "subnet_mismatch") == 1);
    assertThat(AT_C.poll(1500, TimeUnit.MILLISECONDS)).isNull();

    // The second REJECT reaches the threshold of 2: A is disconnected (and re-dialled, static).
    PEER_A.publish(TOPIC_7, CODEC.encode(proof(4, 2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> count("reject", "subnet_mismatch") == 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> meters.get("validator_gossip_peer_disconnects_total").counter().count() == 1);
    assertThat(AT_C.poll(500, TimeUnit.MILLISECONDS)).isNull();
    // Re-dialled, A keeps its negative gossip score (P4, retained across reconnects), so the
    // validator keeps it out of its mesh; A's own messages still reach it by flood publishing.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> node.peerScores().getOrDefault(PEER_A.peerId(), 0.0) < 0);
    await().atMost(Duration.ofSeconds(20)).until(() -> PEER_A.topicPeerCount(TOPIC_7) == 1);

    final byte[] valid = CODEC.encode(proof(7, 3));
    PEER_A.publish(TOPIC_7, valid);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> chain.heads().map(heads -> heads.provenHead().slot() == 1).orElse(false));
    final GossipMessage forwarded = AT_C.poll(10, TimeUnit.SECONDS);
    assertThat(forwarded).isNotNull();
    assertThat(forwarded.data()).isEqualTo(valid);
    assertThat(count("accept", "stored")).isEqualTo(1);
  }

  private double count(final String result, final String reason) {
    return meters
        .find("validator_proofs_total")
        .tags("source", "gossip", "result", result, "reason", reason)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** Both peers have the validator in their topic-7 mesh (a GRAFT the validator accepted). */
  private static void awaitMeshes() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> PEER_A.meshPeerCount(TOPIC_7) == 1 && PEER_C.meshPeerCount(TOPIC_7) == 1);
  }

  private static ExecutionProof proof(final int subnet, final int nonce) {
    return new ExecutionProof(
        Bytes32.fromHex(PAYLOAD_1),
        ExecutionProofSubnetId.of(subnet),
        1,
        ImmutableBytes.of(MockProofScheme.create(Bytes32.fromHex(PAYLOAD_1), subnet, 4096 + nonce)),
        Instant.now().getEpochSecond());
  }

  private static String address(final Eth2GossipNode peer) {
    return peer.listenAddresses().get(0).withPeerId(peer.peerId()).toString();
  }

  private static Eth2GossipNode peer(final BlockingQueue<GossipMessage> inbox) {
    final Eth2GossipNode peer =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(),
                Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                List.of(),
                "bfe0d3f4"),
            (from, m) -> CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT),
            (id, message) -> inbox.add(message));
    try {
      peer.start();
    } catch (final Exception e) {
      throw new IllegalStateException(e);
    }
    peer.subscribe(TOPIC_7);
    return peer;
  }
}
