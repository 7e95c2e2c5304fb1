package io.zkstateless.broadcaster.gossip;

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
 * A consensus client's view of the broadcaster's p2p node: a peer with its own eth2 req/resp dials
 * it and gets a Status with the fork digest computed from the beacon node's schedule (Lodestar's
 * dev chain, {@code bfe0d3f4}) and that node's head and finalized checkpoint; Ping and MetaData are
 * answered and the peer stays connected.
 */
@SpringBootTest(
    properties = {
      "broadcaster.p2p.listen-address=127.0.0.1",
      "broadcaster.p2p.listen-port=0",
      "spring.kafka.listener.poll-timeout=300ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"execution-proofs", "broadcast-results"},
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
// No other test shares this context: close it (its broker, p2p node and pollers) after the class.
@DirtiesContext
class BroadcasterReqRespTest {

  private static final String DIGEST = "bfe0d3f4";
  private static final String ZERO = Bytes32.ZERO.toHexString();
  private static final String GENESIS = "0x" + "11".repeat(32);
  private static final String BLOCK_64 = "0x" + "44".repeat(32);
  private static final String BLOCK_65 = "0x" + "66".repeat(32);
  private static ScriptedBeaconNode beacon;

  @Autowired private P2pGossipPublisher publisher;
  @Autowired private MeterRegistry meters;

  private final Map<PeerId, Status> statuses = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void beaconNode(final DynamicPropertyRegistry registry) throws Exception {
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(GENESIS, 0, ZERO, ZERO, 0));
    // Lodestar's dev chain with every fork at epoch 0: digest bfe0d3f4 at any epoch.
    beacon.setGenesis(
        "0x270d43e74ce340de4bca2b1936beca0f4f5408d9e78aec4850920baf659d5b69",
        1_700_000_000L,
        "0x00000001");
    beacon.setForkSchedule(
        List.of(
            new ScriptedBeaconNode.Fork("0x00000001", "0x00000001", 0),
            new ScriptedBeaconNode.Fork("0x00000001", "0x01000001", 0),
            new ScriptedBeaconNode.Fork("0x01000001", "0x02000001", 0)));
    beacon.setSpec(
        "{\"SECONDS_PER_SLOT\":\"6\",\"SLOTS_PER_EPOCH\":\"8\","
            + "\"FULU_FORK_EPOCH\":\"18446744073709551615\"}");
    beacon.addBlockSilently(
        new ScriptedBeaconNode.Block(BLOCK_64, 64, GENESIS, "0x" + "55".repeat(32), 64));
    beacon.addBlockSilently(
        new ScriptedBeaconNode.Block(BLOCK_65, 65, BLOCK_64, "0x" + "77".repeat(32), 65));
    beacon.setHeadSilently(BLOCK_65);
    beacon.finalize(BLOCK_64);
    registry.add("broadcaster.beacon-url", () -> beacon.url().toString());
  }

  @AfterAll
  static void stop() {
    beacon.close();
  }

  @Test
  void answersStatusWithTheBeaconNodesHeadAndFinalityAndPingAndMetaData() throws Exception {
    final Eth2GossipNode node = publisher.node();
    // ScriptedBeaconNode's checkpoint epoch is slot / 32, whatever the spec says.
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
    final String broadcaster = node.listenAddresses().get(0).withPeerId(node.peerId()).toString();
    try (Eth2GossipNode peer =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(),
                Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                List.of(Multiaddr.fromString(broadcaster)),
                DIGEST),
            (from, m) -> CompletableFuture.completedFuture(GossipValidator.Result.IGNORE),
            (id, message) -> {},
            Optional.of(reqResp))) {
      peer.start();
      // The dial-time Status reached the broadcaster and it answered on the same fork digest.
      await().atMost(Duration.ofSeconds(20)).until(() -> statuses.containsKey(node.peerId()));
      assertThat(statuses.get(node.peerId()).forkDigest()).isEqualTo(expected.forkDigest());
      final Connection connection = peer.connections().iterator().next();
      // The first poll of the beacon node may land after the first exchange.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> reqResp.status(connection).get(5, TimeUnit.SECONDS).equals(expected));

      assertThat(reqResp.ping(connection).get(5, TimeUnit.SECONDS)).isEqualTo(1L);
      assertThat(reqResp.metaData(connection).get(5, TimeUnit.SECONDS))
          .isEqualTo(MetaData.noSubnets(1));
      assertThat(connection.isOpen()).isTrue();
      assertThat(node.connectionCount()).isEqualTo(1);
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
