package io.zkstateless.common.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.yamux.YamuxSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Gossip relayed across runtimes: a Java node forwards between two js-libp2p nodes that are not
 * connected to each other (over mplex), a js-libp2p node forwards between two Java nodes (over
 * yamux), and a message the Java node's validator REJECTs goes no further while its sender is
 * penalised and pruned.
 */
class GossipRelayInteropTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String TOPIC = "/eth2/bfe0d3f4/execution_proof_7/ssz_snappy";

  private final List<AutoCloseable> running = new ArrayList<>();

  @BeforeEach
  void requireJs() {
    final Optional<String> unavailable = JsLibp2pPeer.unavailableReason();
    assumeTrue(unavailable.isEmpty(), () -> "Skipping relay interop: " + unavailable.orElse(""));
  }

  @AfterEach
  void stop() throws Exception {
    for (final AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  @Test
  void aJavaNodeRelaysBetweenTwoJsNodesOverMplex() throws Exception {
    final JavaGossipPeer java = java(List.of(MplexSession.PROTOCOL_ID));
    final String javaAddress = java.listen().toString();
    final Js sender = js("relay-sender");
    final Js receiver = js("relay-receiver");
    // One connection each way: the sender dials us, we dial the receiver.
    sender.peer.send("connect " + javaAddress);
    sender.peer.await(line -> line.has("connected"), TIMEOUT);
    java.dial(receiver.address);
    awaitTrue(() -> java.router().meshPeers(TOPIC).containsAll(List.of(sender.id, receiver.id)));
    assertThat(java.host().connections())
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.muxerProtocol()).isEqualTo(MplexSession.PROTOCOL_ID));

    sender.peer.send("publish " + TOPIC + " 0102030405 " + java.peerId());
    final JsonNode atReceiver = receiver.peer.await(line -> line.has("gossip"), TIMEOUT).get("gossip");
    assertThat(atReceiver.get("data").asString()).isEqualTo("0102030405");
    assertThat(atReceiver.get("type").asString()).isEqualTo("unsigned");
    assertThat(atReceiver.get("from").asString())
        .as("relayed by the Java node, the receiver's only peer")
        .isEqualTo(java.peerId().toBase58());
    assertThat(java.delivered.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS).from())
        .isEqualTo(sender.id);
    assertThat(atReceiver.get("msgId").asString())
        .as("the same message id on both runtimes")
        .isEqualTo(JavaGossipPeer.jsText(java.deliveredIds.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
  }

  @Test
  void aJsNodeRelaysBetweenTwoJavaNodes() throws Exception {
    final Js relay = js("relay-middle");
    final JavaGossipPeer publisher = java(HostConfig.DEFAULT_MUXERS);
    final JavaGossipPeer subscriber = java(HostConfig.DEFAULT_MUXERS);
    publisher.dial(relay.address);
    subscriber.dial(relay.address);
    awaitJsMesh(relay, publisher.peerId(), subscriber.peerId());
    awaitTrue(() -> subscriber.router().meshPeers(TOPIC).contains(relay.id));
    assertThat(publisher.host().connections())
        .singleElement()
        .satisfies(c -> assertThat(c.muxerProtocol()).isEqualTo(YamuxSession.PROTOCOL_ID));

    final byte[] data = HexFormat.of().parseHex("0a0b0c0d0e0f");
    assertThat(publisher.router().publish(TOPIC, data)).isEqualTo(1);
    final JsonNode atRelay = relay.peer.await(line -> line.has("gossip"), TIMEOUT).get("gossip");
    assertThat(atRelay.get("data").asString()).isEqualTo("0a0b0c0d0e0f");
    assertThat(atRelay.get("msgId").asString())
        .isEqualTo(
            JavaGossipPeer.jsText(
                JavaGossipPeer.jsStrictNoSignId(GossipMessage.unsigned(TOPIC, data))));
    final JavaGossipPeer.Received received =
        subscriber.delivered.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(received).isNotNull();
    assertThat(received.data()).isEqualTo(data);
    assertThat(received.from()).as("relayed by js").isEqualTo(relay.id);
    assertThat(
            subscriber
                .router()
                .hasSeen(JavaGossipPeer.jsStrictNoSignId(GossipMessage.unsigned(TOPIC, data))))
        .isTrue();
  }

  @Test
  void aRejectedMessageIsNotForwardedAndItsSenderIsPenalised() throws Exception {
    final JavaGossipPeer java = java(HostConfig.DEFAULT_MUXERS);
    final Js sender = js("reject-sender");
    final Js receiver = js("reject-receiver");
    java.dial(sender.address);
    java.dial(receiver.address);
    awaitTrue(() -> java.router().meshPeers(TOPIC).containsAll(List.of(sender.id, receiver.id)));

    sender.peer.send("publish " + TOPIC + " ff0bad " + java.peerId());
    sender.peer.await(line -> line.has("published"), TIMEOUT);
    // A message published after it, which we ACCEPT: once it reached the receiver, the rejected
    // one would have too, had we forwarded it (one stream, in order).
    sender.peer.send("publish " + TOPIC + " 600d " + java.peerId());
    final List<String> atReceiver = new ArrayList<>();
    receiver.peer.await(
        line -> {
          if (!line.has("gossip")) {
            return false;
          }
          atReceiver.add(line.get("gossip").get("data").asString());
          return atReceiver.getLast().equals("600d");
        },
        TIMEOUT);
    assertThat(atReceiver).containsExactly("600d");

    assertThat(java.router().peerScores().get(sender.id)).isNegative();
    assertThat(java.router().peerScores().get(receiver.id)).isNotNegative();
    awaitTrue(() -> !java.router().meshPeers(TOPIC).contains(sender.id));
    assertThat(java.router().meshPeers(TOPIC)).contains(receiver.id);
  }

  /** A js-libp2p node subscribed to the topic, with its first address. */
  private record Js(JsLibp2pPeer peer, PeerId id, String address) {}

  private Js js(final String name) throws Exception {
    final JsLibp2pPeer peer =
        JsLibp2pPeer.start(Path.of("target/js-" + name + ".stderr.log"), "secp256k1");
    running.add(peer);
    final JsonNode hello = peer.await(line -> line.has("peerId"), TIMEOUT);
    peer.send("subscribe " + TOPIC);
    peer.await(line -> line.has("subscribed"), TIMEOUT);
    return new Js(
        peer,
        PeerId.fromBase58(hello.get("peerId").asString()),
        hello.get("addrs").get(0).asString());
  }

  private JavaGossipPeer java(final List<String> muxers) {
    final JavaGossipPeer java = new JavaGossipPeer(muxers);
    running.add(java);
    java.router().subscribe(TOPIC);
    return java;
  }

  private static void awaitJsMesh(final Js js, final PeerId... expected) throws Exception {
    final List<String> ids = Arrays.stream(expected).map(PeerId::toBase58).toList();
    awaitTrue(
        () -> {
          try {
            js.peer.send("mesh " + TOPIC);
            final JsonNode mesh = js.peer.await(line -> line.has("mesh"), TIMEOUT).get("mesh");
            return mesh.valueStream().map(JsonNode::asString).toList().containsAll(ids);
          } catch (final Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + TIMEOUT);
      }
      Thread.sleep(100);
    }
  }
}
