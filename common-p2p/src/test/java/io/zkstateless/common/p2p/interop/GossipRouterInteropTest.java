package io.zkstateless.common.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipRouter;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.Gossipsub;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Our {@link GossipRouter} in a mesh with js-libp2p's gossipsub: both sides GRAFT each other, and
 * messages published on either side arrive on the other.
 */
class GossipRouterInteropTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String TOPIC = "/eth2/bfe0d3f4/beacon_block/ssz_snappy";

  private final BlockingQueue<GossipMessage> delivered = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
  private JsLibp2pPeer js;
  private Host host;

  @BeforeEach
  void start() throws Exception {
    final Optional<String> unavailable = JsLibp2pPeer.unavailableReason();
    assumeTrue(
        unavailable.isEmpty(), () -> "Skipping gossipsub interop: " + unavailable.orElse(""));
    js = JsLibp2pPeer.start(Path.of("target/js-router-peer.stderr.log"), "secp256k1");
  }

  @AfterEach
  void stop() throws Exception {
    heartbeat.shutdownNow();
    if (host != null) {
      host.close();
    }
    if (js != null) {
      js.close();
    }
  }

  @Test
  void meshesWithJsGossipsubAndExchangesMessages() throws Exception {
    final JsonNode hello = js.await(line -> line.has("peerId"), TIMEOUT);
    final PeerId jsPeer = PeerId.fromBase58(hello.get("peerId").asString());
    js.send("subscribe " + TOPIC);
    js.await(line -> line.has("subscribed"), TIMEOUT);

    final Gossipsub gossipsub =
        new Gossipsub(
            GossipParams.ETH2,
            RpcLimits.ETH2,
            GossipRouterInteropTest::jsStrictNoSignId,
            GossipValidator.ACCEPT_ALL,
            (id, message) -> delivered.add(message),
            Clock.systemUTC());
    final GossipRouter router = gossipsub.router();
    router.subscribe(TOPIC);
    host =
        new Host(
            HostConfig.of(Secp256k1PrivateKey.generate(), List.of(gossipsub.protocolHandler())));
    gossipsub.attach(host, heartbeat);
    host.dial(Multiaddr.fromString(hello.get("addrs").get(0).asString()))
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    awaitMeshes(router, jsPeer);

    js.send("publish " + TOPIC + " 0a0b0c " + host.peerId());
    final GossipMessage fromJs = delivered.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(fromJs).isNotNull();
    assertThat(fromJs.data()).containsExactly(0x0a, 0x0b, 0x0c);

    assertThat(router.publish(TOPIC, new byte[] {0x0d})).isEqualTo(1);
    final JsonNode atJs = js.await(line -> line.has("gossip"), TIMEOUT).get("gossip");
    assertThat(atJs.get("data").asString()).isEqualTo("0d");
    assertThat(atJs.get("type").asString()).isEqualTo("unsigned");
  }

  /** Until we have js in our mesh and js has us in its own. */
  private void awaitMeshes(final GossipRouter router, final PeerId jsPeer) throws Exception {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      js.send("mesh " + TOPIC);
      final JsonNode mesh = js.await(line -> line.has("mesh"), TIMEOUT).get("mesh");
      final boolean jsHasUs =
          mesh.valueStream().anyMatch(p -> p.asString().equals(host.peerId().toBase58()));
      if (jsHasUs && router.meshPeers(TOPIC).contains(jsPeer)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no mutual mesh within " + TIMEOUT);
  }

  /** js-libp2p's StrictNoSign default message id: SHA-256 of the data. */
  private static MessageId jsStrictNoSignId(final GossipMessage message) {
    try {
      return MessageId.of(MessageDigest.getInstance("SHA-256").digest(message.data()));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
