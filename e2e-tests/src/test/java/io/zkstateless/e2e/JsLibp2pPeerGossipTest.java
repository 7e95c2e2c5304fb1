package io.zkstateless.e2e;

import static io.zkstateless.e2e.support.ServiceArgs.UNUSED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.gossip.P2pGossipPublisher;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.e2e.support.JsGossipPeer;
import io.zkstateless.e2e.support.ProofFeed;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.Services;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.ValidatorProbe;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.gossip.ValidatorP2pNode;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * A js-libp2p gossipsub peer (common-p2p's interop peer, pinned js-libp2p 3.3.11) in the proof
 * subnets next to the broadcaster and the validator:
 *
 * <ul>
 *   <li>it receives every proof the broadcaster publishes, byte for byte the SSZ-snappy the
 *       broadcaster built, on the proof type's subnet topic, once;
 *   <li>proofs it publishes reach the validator, which stores them and proves the blocks.
 * </ul>
 *
 * Skipped, with the reason, where node or the npm packages are missing ({@code .ci/run} installs
 * them).
 */
class JsLibp2pPeerGossipTest {

  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));
  private static final int FROM_BROADCASTER = 4;
  private static final int BLOCKS = 7;
  private static final Duration AT_MOST = Duration.ofSeconds(30);

  private static final Services SERVICES = new Services();
  private static EmbeddedKafkaKraftBroker kafka;
  private static ScriptedBeaconNode beacon;
  private static JsGossipPeer js;

  @BeforeAll
  static void checkNode() {
    final Optional<String> unavailable = JsGossipPeer.unavailableReason();
    assumeTrue(unavailable.isEmpty(), () -> "js-libp2p peer unavailable: " + unavailable.get());
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (js != null) {
      js.close();
    }
    SERVICES.close();
    if (beacon != null) {
      beacon.close();
    }
    if (kafka != null) {
      kafka.destroy();
    }
  }

  @Test
  void jsPeerReceivesTheBroadcastersProofsAndItsOwnReachTheValidator() throws Exception {
    kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, ProofFeed.TOPIC, "broadcast-results", "proven-blocks", UNUSED_TOPIC);
    kafka.afterPropertiesSet();
    beacon = new ScriptedBeaconNode(TestChain.genesis());
    TestChain.extend(beacon, 1, BLOCKS);
    final String validatorDb = EmbeddedPostgresSupport.newDatabase();
    final String brokers = kafka.getBrokersAsString();
    final ConfigurableApplicationContext validator =
        SERVICES.start(
            ValidatorApplication.class,
            "validator",
            ServiceArgs.validator(brokers, validatorDb, beacon.url(), PROOF_TYPES));
    final ValidatorProbe probe = new ValidatorProbe(validator, validatorDb);
    final ConfigurableApplicationContext broadcaster =
        SERVICES.start(
            BroadcasterApplication.class,
            "broadcaster",
            ServiceArgs.broadcasterInJvm(brokers, List.of(probe.p2pAddress())));
    final Eth2GossipNode broadcasterNode = broadcaster.getBean(P2pGossipPublisher.class).node();

    final Path logs = Files.createDirectories(Path.of("target/js-peer"));
    js = JsGossipPeer.start(logs.resolve("js-peer-" + System.nanoTime() + ".stderr.log"));
    for (final int subnet : PROOF_TYPES.values()) {
      js.subscribe(topic(subnet));
    }
    js.connect(
        broadcasterNode.listenAddresses().get(0).withPeerId(broadcasterNode.peerId()).toString());
    js.connect(probe.p2pAddress());
    // The broadcaster publishes to the peers it knows are subscribed: the validator and js.
    final P2pGossipPublisher publisher = broadcaster.getBean(P2pGossipPublisher.class);
    await()
        .atMost(AT_MOST)
        .until(
            () ->
                PROOF_TYPES.values().stream()
                    .allMatch(s -> publisher.peersPerSubnet().getOrDefault(s, 0) >= 2));

    assertJsReceivesExactlyWhatTheBroadcasterPublishes();
    assertProofsFromJsAreStoredAndProveTheirBlocks(validator, probe);
  }

  private static void assertJsReceivesExactlyWhatTheBroadcasterPublishes() throws Exception {
    final Map<String, String> expected = new HashMap<>();
    try (ProofFeed feed = new ProofFeed(kafka.getBrokersAsString())) {
      for (int slot = 1; slot <= FROM_BROADCASTER; slot++) {
        for (final Map.Entry<String, Integer> type : PROOF_TYPES.entrySet()) {
          final ExecutionProof proof = ProofFeed.mockProof(slot, type.getValue(), 4096);
          feed.publish(slot, type.getKey(), proof).get();
          expected.put(topic(type.getValue()) + " " + proof.blockHash(), gossipHex(proof));
        }
      }
    }
    final Map<String, String> received = new HashMap<>();
    for (int i = 0; i < expected.size(); i++) {
      final JsonNode message = js.nextGossip(AT_MOST);
      final ExecutionProof proof =
          ExecutionProofSchema.DEFAULT.decode(
              SnappyBlock.decompress(
                  HexFormat.of().parseHex(message.path("data").asString()),
                  ExecutionProofSchema.MAX_PROOF_SIZE * 2));
      final String key = message.path("topic").asString() + " " + proof.blockHash();
      assertThat(received.put(key, message.path("data").asString()))
          .as("received twice: %s", key)
          .isNull();
    }
    assertThat(received).isEqualTo(expected);
    assertThat(js.pendingGossip(Duration.ofMillis(500))).as("nothing more").isZero();
  }

  private static void assertProofsFromJsAreStoredAndProveTheirBlocks(
      final ConfigurableApplicationContext validator, final ValidatorProbe probe)
      throws Exception {
    final String validatorPeer = validator.getBean(ValidatorP2pNode.class).peerId().toBase58();
    for (int slot = FROM_BROADCASTER + 1; slot <= BLOCKS; slot++) {
      for (final int type : PROOF_TYPES.values()) {
        final ExecutionProof proof = ProofFeed.mockProof(slot, type, 2048);
        assertThat(js.publish(topic(type), gossipHex(proof), validatorPeer)).isPositive();
      }
    }
    final ProvenChainService chain = validator.getBean(ProvenChainService.class);
    await()
        .atMost(AT_MOST)
        .until(() -> chain.heads().map(h -> h.provenHead().slot()).orElse(-1L) == BLOCKS);
    final Set<String> stored = new HashSet<>(probe.storedProofs());
    for (int slot = 1; slot <= BLOCKS; slot++) {
      for (final int type : PROOF_TYPES.values()) {
        assertThat(stored).contains(TestChain.payloadHash(slot) + "/" + type + "/gossip");
      }
    }
    assertThat(probe.storedProofs()).hasSize(BLOCKS * PROOF_TYPES.size());
    assertThat(probe.proofCount("gossip", "accept")).isEqualTo(BLOCKS * PROOF_TYPES.size());
    assertThat(probe.proofCount("gossip", "reject")).isZero();
  }

  private static String topic(final int subnet) {
    final byte[] digest = HexFormat.of().parseHex(ServiceArgs.FORK_DIGEST.substring(2));
    return GossipTopic.executionProof(digest, subnet).toString();
  }

  private static String gossipHex(final ExecutionProof proof) {
    return HexFormat.of()
        .formatHex(SnappyBlock.compress(ExecutionProofSchema.DEFAULT.encode(proof)));
  }
}
