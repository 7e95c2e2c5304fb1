package io.zkstateless.common.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2MessageId;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipValidator;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An {@link Eth2GossipNode} (what the broadcaster and the validator run) with js-libp2p's gossipsub
 * as its static peer: a proof published on {@code execution_proof_7} reaches js byte for byte, and
 * a proof js publishes is decoded and handed to our application validator; and against a js peer
 * configured as an eth2 client (snappy data transform, Altair message id) both sides compute the
 * same message ids.
 */
class Eth2GossipInteropTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final GossipTopic TOPIC =
      new GossipTopic("bfe0d3f4", GossipTopic.EXECUTION_PROOF_PREFIX + 7);
  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);

  private final BlockingQueue<ExecutionProof> received = new LinkedBlockingQueue<>();
  private JsLibp2pPeer js;
  private Eth2GossipNode node;

  @BeforeEach
  void start() throws Exception {
    final Optional<String> unavailable = JsLibp2pPeer.unavailableReason();
    assumeTrue(unavailable.isEmpty(), () -> "Skipping eth2 interop: " + unavailable.orElse(""));
    js = JsLibp2pPeer.start(Path.of("target/js-eth2-peer.stderr.log"), "secp256k1");
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (js != null) {
      js.close();
    }
  }

  @Test
  void proofsCrossBetweenAnEth2NodeAndJsGossipsubOnExecutionProof7() throws Exception {
    final JsonNode hello = js.await(line -> line.has("peerId"), TIMEOUT);
    js.send("subscribe " + TOPIC);
    js.await(line -> line.has("subscribed"), TIMEOUT);
    node =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(),
                Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                List.of(Multiaddr.fromString(hello.get("addrs").get(0).asString())),
                "bfe0d3f4"),
            new ExecutionProofGossipValidator(
                "bfe0d3f4",
                CODEC,
                (from, subnet, proof) -> {
                  received.add(proof);
                  return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
                }),
            (id, message) -> {});
    node.start();
    node.subscribe(TOPIC);
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (node.topicPeerCount(TOPIC) < 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }

    final ExecutionProof ours = proof((byte) 0x7a, 96 * 1024);
    final byte[] data = CODEC.encode(ours);
    assertThat(node.publish(TOPIC, data)).isEqualTo(1);
    final JsonNode atJs = js.await(line -> line.has("gossip"), TIMEOUT).get("gossip");
    assertThat(atJs.get("topic").asString()).isEqualTo(TOPIC.toString());
    assertThat(atJs.get("type").asString()).isEqualTo("unsigned");
    assertThat(atJs.get("data").asString()).isEqualTo(HexFormat.of().formatHex(data));

    final ExecutionProof theirs = proof((byte) 0x7b, 1024);
    js.send(
        "publish "
            + TOPIC
            + " "
            + HexFormat.of().formatHex(CODEC.encode(theirs))
            + " "
            + node.peerId());
    assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(theirs);
  }

  @Test
  void eth2MessageIdsAgreeWithAJsPeerConfiguredAsAnEth2Client() throws Exception {
    final JsLibp2pPeer eth2Js =
        JsLibp2pPeer.start(Path.of("target/js-eth2-mode-peer.stderr.log"), "secp256k1", "eth2");
    try {
      final JsonNode hello = eth2Js.await(line -> line.has("peerId"), TIMEOUT);
      eth2Js.send("subscribe " + TOPIC);
      eth2Js.await(line -> line.has("subscribed"), TIMEOUT);
      final BlockingQueue<MessageId> deliveredIds = new LinkedBlockingQueue<>();
      node =
          new Eth2GossipNode(
              Eth2NodeConfig.of(
                  Secp256k1PrivateKey.generate(),
                  Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                  List.of(Multiaddr.fromString(hello.get("addrs").get(0).asString())),
                  "bfe0d3f4"),
              new ExecutionProofGossipValidator(
                  "bfe0d3f4",
                  CODEC,
                  (from, subnet, proof) -> {
                    received.add(proof);
                    return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
                  }),
              (id, message) -> deliveredIds.add(id));
      node.start();
      node.subscribe(TOPIC);
      final long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (node.topicPeerCount(TOPIC) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }

      // Ours: js decompresses it and computes the eth2 id over the SSZ, as we did.
      final ExecutionProof ours = proof((byte) 0x5a, 4096);
      final byte[] data = CODEC.encode(ours);
      assertThat(node.publish(TOPIC, data)).isEqualTo(1);
      final JsonNode atJs = eth2Js.await(line -> line.has("gossip"), TIMEOUT).get("gossip");
      assertThat(atJs.get("data").asString())
          .isEqualTo(HexFormat.of().formatHex(CODEC.schema().encode(ours)));
      assertThat(atJs.get("msgId").asString())
          .isEqualTo(JavaGossipPeer.jsText(Eth2MessageId.of(TOPIC.toString(), data)));

      // Theirs: js compresses the SSZ with snappyjs; we decompress and get js's id.
      final ExecutionProof theirs = proof((byte) 0x5b, 2048);
      eth2Js.send(
          "publish "
              + TOPIC
              + " "
              + HexFormat.of().formatHex(CODEC.schema().encode(theirs))
              + " "
              + node.peerId());
      final JsonNode published = eth2Js.await(line -> line.has("published"), TIMEOUT);
      assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(theirs);
      assertThat(JavaGossipPeer.jsText(deliveredIds.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)))
          .isEqualTo(published.get("msgId").asString());
    } finally {
      eth2Js.close();
    }
  }

  private static ExecutionProof proof(final byte fill, final int size) {
    final byte[] data = new byte[size];
    new Random(fill).nextBytes(data);
    return new ExecutionProof(
        Bytes32.fromHex("0x" + HexFormat.of().formatHex(new byte[] {fill}).repeat(32)),
        ExecutionProofSubnetId.of(7),
        1,
        ImmutableBytes.of(data),
        1_764_000_000L);
  }
}
