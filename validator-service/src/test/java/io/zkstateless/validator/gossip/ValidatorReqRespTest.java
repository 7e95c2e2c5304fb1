package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.eth2.reqresp.MetaData;
import io.zkstateless.common.p2p.eth2.reqresp.ReqRespTimeouts;
import io.zkstateless.common.p2p.eth2.reqresp.Status;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A consensus client's view of the validator's p2p node: a peer with its own eth2 req/resp dials
 * it, and the validator's Status carries its fork digest, the followed beacon node's head and that
 * node's finalized checkpoint; Ping and MetaData are answered and the peer stays connected.
 */
@SpringBootTest(
    properties = {
      "validator.p2p.fork-digest=0xbfe0d3f4",
      "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"proven-blocks", "execution-proofs"})
// No other test shares this context: close it (its broker, p2p node and pollers) after the class.
@DirtiesContext
class ValidatorReqRespTest {

  private static final String DIGEST = "bfe0d3f4";
  private static final String ZERO = Bytes32.ZERO.toHexString();
  private static final String GENESIS = "0x" + "11".repeat(32);
  private static final String BLOCK_64 = "0x" + "44".repeat(32);
  private static final String BLOCK_65 = "0x" + "66".repeat(32);
  private static ScriptedBeaconNode beacon;

  @Autowired private ValidatorP2pNode node;
  @Autowired private MeterRegistry meters;

  private final Map<PeerId, Status> statuses = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    // Finalized at epoch 2 (the block at slot 64), head one slot later, before the validator starts.
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(GENESIS, 0, ZERO, ZERO, 0));
    beacon.addBlockSilently(
        new ScriptedBeaconNode.Block(BLOCK_64, 64, GENESIS, "0x" + "55".repeat(32), 64));
    beacon.addBlockSilently(
        new ScriptedBeaconNode.Block(BLOCK_65, 65, BLOCK_64, "0x" + "77".repeat(32), 65));
    beacon.setHeadSilently(BLOCK_65);
    beacon.finalize(BLOCK_64);
    registry.add("validator.beacon.url", () -> beacon.url().toString());
  }

  @AfterAll
  static void stop() {
    beacon.close();
  }

  @Test
  void answersStatusWithTheBeaconNodesHeadAndFinalityAndPingAndMetaData() throws Exception {
    final Status expected =
        new Status(
            ImmutableBytes.fromHex(DIGEST),
            Bytes32.fromHex(BLOCK_64),
            2,
            Bytes32.fromHex(BLOCK_65),
            65);
    final Eth2ReqResp reqResp =
        new Eth2ReqResp(
            () -> new Status(ImmutableBytes.fromHex(DIGEST), Bytes32.ZERO, 0, Bytes32.ZERO, 0),
            () -> MetaData.noSubnets(7),
            statuses::put,
            ReqRespTimeouts.SPEC);
    final String validator = node.listenAddresses().get(0).withPeerId(node.peerId()).toString();
    try (Eth2GossipNode peer =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(),
                Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                List.of(Multiaddr.fromString(validator)),
                DIGEST),
            (from, m) -> CompletableFuture.completedFuture(GossipValidator.Result.IGNORE),
            (id, message) -> {},
            Optional.of(reqResp))) {
      peer.start();
      // The dial-time Status reached the validator and it answered on the same fork digest.
      await().atMost(Duration.ofSeconds(20)).until(() -> statuses.containsKey(node.peerId()));
      assertThat(statuses.get(node.peerId()).forkDigest()).isEqualTo(expected.forkDigest());
      final Connection connection = peer.connections().iterator().next();
      // The follower's head and the polled checkpoint may land after the first exchange.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> reqResp.status(connection).get(5, TimeUnit.SECONDS).equals(expected));

      assertThat(reqResp.ping(connection).get(5, TimeUnit.SECONDS)).isEqualTo(1L);
      assertThat(reqResp.metaData(connection).get(5, TimeUnit.SECONDS))
          .isEqualTo(MetaData.noSubnets(1));
      assertThat(connection.isOpen()).isTrue();
      assertThat(node.connectionCount()).isEqualTo(1);
      // common-p2p's libp2p_* meters are on the application's registry.
      assertThat(meters.get("libp2p_peers").tag("direction", "inbound").gauge().value())
          .isEqualTo(1.0);
      assertThat(meters.get("libp2p_gossip_peer_score").tag("stat", "min").gauge().value())
          .isNotNaN();
    }
    assertThat(
            meters
                .get("libp2p_connections_rejected_total")
                .tag("reason", "protocol_violation")
                .functionCounter()
                .count())
        .isZero();
  }
}
