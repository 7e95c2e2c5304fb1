package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipEvents.Outcome;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.MeshsubTransport;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.metrics.Libp2pMetrics;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.mux.MuxedStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code libp2p_*} meters of real nodes on loopback: a publisher and a listener both dial a
 * relay; the publisher sends accepted, rejected and duplicate messages, the relay forwards the
 * accepted ones to the listener, and each node's registry counts what it saw.
 */
class Eth2GossipMetricsTest {

  private static final Multiaddr ANY_PORT = Multiaddr.fromString("/ip4/127.0.0.1/tcp/0");
  private static final String DIGEST = "bfe0d3f4";

  /** ACCEPTs everything but data starting with 0xff, which it REJECTs. */
  private static final GossipValidator VALIDATOR =
      (from, message) ->
          CompletableFuture.completedFuture(
              message.dataLength() > 0 && message.data()[0] == (byte) 0xff
                  ? GossipValidator.Result.REJECT
                  : GossipValidator.Result.ACCEPT);

  private final List<Eth2GossipNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Eth2GossipNode::close);
  }

  @Test
  void countersMoveAsMessagesFlowAndAreRejected() throws Exception {
    final MeterRegistry relayMeters = new SimpleMeterRegistry();
    final MeterRegistry publisherMeters = new SimpleMeterRegistry();
    final MeterRegistry listenerMeters = new SimpleMeterRegistry();
    final Eth2GossipNode relay = node(List.of(), relayMeters);
    final Multiaddr bound = relay.start().withPeerId(relay.peerId());
    final Eth2GossipNode publisher = node(List.of(bound), publisherMeters);
    final Eth2GossipNode listener = node(List.of(bound), listenerMeters);
    publisher.start();
    listener.start();
    final GossipTopic topic = relay.executionProofTopic(0);
    nodes.forEach(n -> n.subscribe(topic));
    await(() -> relay.meshPeerCount(topic) == 2, "both peers in the relay's mesh");
    await(() -> publisher.meshPeerCount(topic) == 1, "the relay in the publisher's mesh");
    // Read now: the REJECTs below make the publisher's score negative, which prunes it.
    assertThat(gauge(relayMeters, "libp2p_gossip_mesh_peers", "topic", "execution_proof_0"))
        .isEqualTo(2);

    for (int i = 0; i < 3; i++) {
      publisher.publish(topic, ("good " + i).getBytes(StandardCharsets.US_ASCII));
    }
    publisher.publish(topic, new byte[] {(byte) 0xff, 1});
    publisher.publish(topic, new byte[] {(byte) 0xff, 2});
    publisher.publish(topic, "good 0".getBytes(StandardCharsets.US_ASCII)); // the relay saw it

    await(() -> received(relayMeters, "duplicate") == 1, "the duplicate counted");
    assertThat(received(relayMeters, "accept")).isEqualTo(3);
    assertThat(received(relayMeters, "reject")).isEqualTo(2);
    await(() -> received(listenerMeters, "accept") == 3, "the forwards received");
    assertThat(count(relayMeters, "libp2p_gossip_messages_forwarded_total")).isEqualTo(3);
    assertThat(count(publisherMeters, "libp2p_gossip_messages_published_total")).isEqualTo(6);
    assertThat(count(relayMeters, "libp2p_gossip_rate_limited_total")).isZero();
    assertThat(bytes(relayMeters, "in")).isGreaterThan(6 * 6);
    assertThat(bytes(publisherMeters, "out")).isGreaterThan(6 * 6);

    assertThat(gauge(relayMeters, "libp2p_peers", "direction", "inbound")).isEqualTo(2);
    assertThat(gauge(relayMeters, "libp2p_peers", "direction", "outbound")).isZero();
    assertThat(gauge(publisherMeters, "libp2p_peers", "direction", "outbound")).isEqualTo(1);
    assertThat(gauge(relayMeters, "libp2p_gossip_peers_graylisted", null, null)).isZero();
    // Two REJECTs (P4) put the publisher below the listener, which earned first deliveries.
    assertThat(gauge(relayMeters, "libp2p_gossip_peer_score", "stat", "min")).isNegative();
    assertThat(gauge(relayMeters, "libp2p_gossip_peer_score", "stat", "max")).isNotNegative();
    assertThat(
            relayMeters
                .get("libp2p_connections_rejected_total")
                .tag("reason", "protocol_violation")
                .functionCounter()
                .count())
        .isZero();
  }

  /**
   * Regression: the transport reported malformed RPCs, but the node's wiring did not pass them on
   * to the router, so in a real node they cost the sender nothing.
   */
  @Test
  void aMalformedRpcReachesTheRouterAndIsCounted() throws Exception {
    final MeterRegistry meters = new SimpleMeterRegistry();
    final Eth2GossipNode node = node(List.of(), meters);
    final Multiaddr bound = node.start();
    try (Host raw =
        new Host(
            HostConfig.of(
                Secp256k1PrivateKey.generate(),
                List.of(new MeshsubTransport(RpcLimits.ETH2, (from, rpc) -> {}))))) {
      final Connection connection = raw.dial(bound).get(5, TimeUnit.SECONDS);
      final MuxedStream stream =
          connection
              .openStream(MeshsubTransport.PROTOCOL_ID, (s, data) -> data.release())
              .get(5, TimeUnit.SECONDS);
      // Length 3, then three bytes that are not a protobuf (field 0 is invalid).
      stream.write(Unpooled.wrappedBuffer(new byte[] {3, 0, 0, 0})).get(5, TimeUnit.SECONDS);
      await(
          () -> meters.get("libp2p_gossip_malformed_rpcs_total").functionCounter().count() == 1,
          "the malformed RPC counted by the router");
    }
  }

  @Test
  void topicsNotOfOurOwnAreCountedAsUnknown() {
    final MeterRegistry meters = new SimpleMeterRegistry();
    final Libp2pMetrics metrics = new Libp2pMetrics(meters);
    metrics.knowTopic("/eth2/bfe0d3f4/execution_proof_1/ssz_snappy", "execution_proof_1", false);
    metrics.received("/eth2/bfe0d3f4/execution_proof_1/ssz_snappy", Outcome.ACCEPT);
    // A peer's topic strings, however many, end up in one series.
    for (int i = 0; i < 100; i++) {
      metrics.received("/eth2/bfe0d3f4/spam_" + i + "/ssz_snappy", Outcome.REJECT);
    }
    assertThat(meters.get("libp2p_gossip_messages_received_total").counters()).hasSize(2);
    assertThat(
            meters
                .get("libp2p_gossip_messages_received_total")
                .tags("topic", "unknown", "result", "reject")
                .counter()
                .count())
        .isEqualTo(100);
    assertThat(
            meters
                .get("libp2p_gossip_messages_received_total")
                .tags("topic", "execution_proof_1", "result", "accept")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private Eth2GossipNode node(final List<Multiaddr> staticPeers, final MeterRegistry meters) {
    final Eth2NodeConfig config =
        Eth2NodeConfig.of(Secp256k1PrivateKey.generate(), ANY_PORT, staticPeers, DIGEST)
            .withMeterRegistry(meters);
    final Eth2GossipNode node = new Eth2GossipNode(config, VALIDATOR, (id, message) -> {});
    nodes.add(node);
    return node;
  }

  private static double received(final MeterRegistry meters, final String result) {
    final var counter =
        meters
            .find("libp2p_gossip_messages_received_total")
            .tags("topic", "execution_proof_0", "result", result)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static double count(final MeterRegistry meters, final String name) {
    final var counter = meters.find(name).tag("topic", "execution_proof_0").counter();
    return counter == null ? 0 : counter.count();
  }

  private static double bytes(final MeterRegistry meters, final String direction) {
    return meters.get("libp2p_gossip_rpc_bytes_total").tag("direction", direction).counter().count();
  }

  private static double gauge(
      final MeterRegistry meters, final String name, final String tag, final String value) {
    final var search = meters.get(name);
    return (tag == null ? search : search.tag(tag, value)).gauge().value();
  }

  static void await(final BooleanSupplier condition, final String what)
      throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
