package io.zkstateless.common.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.GossipRpc;
import io.zkstateless.common.p2p.gossip.MeshsubTransport;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.ping.PingProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Gossipsub RPCs between our {@link MeshsubTransport} and js-libp2p's @libp2p/gossipsub 17.1.1
 * (StrictNoSign): subscriptions and published messages both ways over {@code /meshsub/1.1.0}.
 */
class MeshsubInteropTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String TOPIC = "/eth2/bfe0d3f4/beacon_block/ssz_snappy";

  private final BlockingQueue<GossipRpc> received = new LinkedBlockingQueue<>();
  private JsLibp2pPeer js;
  private Host host;

  @BeforeEach
  void start() throws Exception {
    final Optional<String> unavailable = JsLibp2pPeer.unavailableReason();
    assumeTrue(
        unavailable.isEmpty(), () -> "Skipping gossipsub interop: " + unavailable.orElse(""));
    js = JsLibp2pPeer.start(Path.of("target/js-meshsub-peer.stderr.log"), "secp256k1");
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.close();
    }
    if (js != null) {
      js.close();
    }
  }

  @Test
  void exchangesSubscriptionsAndMessagesWithJsGossipsub() throws Exception {
    final JsonNode hello = js.await(line -> line.has("peerId"), TIMEOUT);
    final PeerId jsPeer = PeerId.fromBase58(hello.get("peerId").asString());
    js.send("subscribe " + TOPIC);
    js.await(line -> line.has("subscribed"), TIMEOUT);

    final MeshsubTransport gossip =
        new MeshsubTransport(RpcLimits.ETH2, (from, rpc) -> received.add(rpc));
    host =
        new Host(
            HostConfig.of(Secp256k1PrivateKey.generate(), List.of(new PingProtocol(), gossip)));
    host.addConnectionListener(gossip::onConnection);
    host.dial(Multiaddr.fromString(hello.get("addrs").get(0).asString()))
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    awaitPeer(gossip, jsPeer);
    gossip
        .send(jsPeer, GossipRpc.of(List.of(new Subscription(true, TOPIC))))
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    // js announces its own subscription on its outbound stream to us.
    assertThat(awaitRpc(rpc -> !rpc.subscriptions().isEmpty()).subscriptions())
        .contains(new Subscription(true, TOPIC));

    js.send("publish " + TOPIC + " 0102030405 " + host.peerId());
    final GossipRpc published = awaitRpc(rpc -> !rpc.messages().isEmpty());
    final GossipMessage fromJs = published.messages().get(0);
    assertThat(fromJs.topic()).isEqualTo(TOPIC);
    assertThat(fromJs.data()).containsExactly(1, 2, 3, 4, 5);
    assertThat(fromJs.violatesStrictNoSign()).as("js publishes StrictNoSign").isFalse();

    gossip
        .send(
            jsPeer,
            new GossipRpc(
                List.of(),
                List.of(GossipMessage.unsigned(TOPIC, Hex.decode("cafe"))),
                Control.EMPTY))
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    final JsonNode delivered = js.await(line -> line.has("gossip"), TIMEOUT).get("gossip");
    assertThat(delivered.get("topic").asString()).isEqualTo(TOPIC);
    assertThat(delivered.get("data").asString()).isEqualTo("cafe");
    assertThat(delivered.get("type").asString()).isEqualTo("unsigned");
    assertThat(delivered.get("from").asString()).isEqualTo(host.peerId().toBase58());
  }

  private static void awaitPeer(final MeshsubTransport gossip, final PeerId peer)
      throws InterruptedException {
    for (int i = 0; i < 200 && !gossip.peers().contains(peer); i++) {
      Thread.sleep(25);
    }
    assertThat(gossip.peers()).contains(peer);
  }

  private GossipRpc awaitRpc(final Predicate<GossipRpc> filter) throws InterruptedException {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      final GossipRpc rpc = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(rpc).as("an RPC from js within %s", TIMEOUT).isNotNull();
      if (filter.test(rpc)) {
        return rpc;
      }
    }
  }
}
