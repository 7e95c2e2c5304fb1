package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.eth2.reqresp.MetaData;
import io.zkstateless.common.p2p.eth2.reqresp.ReqRespTimeouts;
import io.zkstateless.common.p2p.eth2.reqresp.Status;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two eth2 nodes: one dials the other as a static peer and a proof crosses on subnet 2. */
class Eth2GossipNodeTest {

  private static final Multiaddr ANY_PORT = Multiaddr.fromString("/ip4/127.0.0.1/tcp/0");
  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);

  private final BlockingQueue<ExecutionProof> received = new LinkedBlockingQueue<>();
  private Eth2GossipNode listener;
  private Eth2GossipNode dialer;

  @AfterEach
  void stop() {
    if (dialer != null) {
      dialer.close();
    }
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void aProofPublishedOnASubnetReachesAStaticPeerAndIsThenSeen() throws Exception {
    listener = node(List.of());
    final Multiaddr bound = listener.start().withPeerId(listener.peerId());
    dialer = node(List.of(bound));
    dialer.start();
    final GossipTopic topic = dialer.executionProofTopic(2);
    listener.subscribe(topic);
    dialer.subscribe(topic);
    awaitMesh(dialer, topic);

    final ExecutionProof proof = ExecutionProofGossipValidatorTest.proof(2);
    final byte[] data = CODEC.encode(proof);
    assertThat(dialer.hasSeen(topic, data)).isFalse();
    assertThat(dialer.publish(topic, data)).isEqualTo(1);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(proof);
    assertThat(dialer.hasSeen(topic, data)).isTrue();
    assertThat(dialer.topicPeerCount(topic)).isEqualTo(1);
  }

  /**
   * Two topics on one node, subscribed with different validators: each message is judged by its
   * own topic's validator (the accepting one delivers, the rejecting one does not), never by the
   * node's default, and the rejection counts against the sender's score.
   */
  @Test
  void eachTopicsMessagesAreJudgedByTheValidatorItWasSubscribedWith() throws Exception {
    final BlockingQueue<String> judged = new LinkedBlockingQueue<>();
    final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    listener =
        new Eth2GossipNode(
            config(List.of()),
            judging("default", GossipValidator.Result.ACCEPT, judged),
            (id, message) -> delivered.add(message.topic()));
    final Multiaddr bound = listener.start().withPeerId(listener.peerId());
    dialer = node(List.of(bound));
    dialer.start();
    final GossipTopic accepting = listener.executionProofTopic(0);
    final GossipTopic rejecting = listener.executionProofTopic(1);
    listener.subscribe(accepting, judging("accepting", GossipValidator.Result.ACCEPT, judged));
    listener.subscribe(rejecting, judging("rejecting", GossipValidator.Result.REJECT, judged));
    awaitMesh(dialer, accepting);
    awaitMesh(dialer, rejecting);

    assertThat(dialer.publish(accepting, CODEC.encode(ExecutionProofGossipValidatorTest.proof(0))))
        .isEqualTo(1);
    assertThat(dialer.publish(rejecting, CODEC.encode(ExecutionProofGossipValidatorTest.proof(1))))
        .isEqualTo(1);

    assertThat(List.of(judged.poll(5, TimeUnit.SECONDS), judged.poll(5, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder("accepting " + accepting, "rejecting " + rejecting);
    assertThat(judged).isEmpty();
    assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo(accepting.toString());
    assertThat(delivered).isEmpty();
    assertThat(listener.peerScores().get(dialer.peerId())).isNegative();
  }

  /** Records "{@code name} {@code topic}" for each message it judges, and answers {@code verdict}. */
  private static GossipValidator judging(
      final String name, final GossipValidator.Result verdict, final BlockingQueue<String> judged) {
    return (from, message) -> {
      judged.add(name + " " + message.topic());
      return CompletableFuture.completedFuture(verdict);
    };
  }

  @Test
  void tryPublishSaysHowManyPeersItReachedOrWhyItDidNotPublish() throws Exception {
    listener = node(List.of());
    final Multiaddr bound = listener.start().withPeerId(listener.peerId());
    final GossipTopic topic = listener.executionProofTopic(3);
    final byte[] data = CODEC.encode(ExecutionProofGossipValidatorTest.proof(3));
    assertThat(listener.tryPublish(topic, data).get(5, TimeUnit.SECONDS)).isEqualTo(new PublishResult.NoPeers());
    final byte[] huge = new byte[RpcLimits.ETH2.maxDataBytes() + 1];
    assertThat(listener.tryPublish(topic, huge).get(5, TimeUnit.SECONDS))
        .isEqualTo(new PublishResult.TooLarge(huge.length, RpcLimits.ETH2.maxDataBytes()));

    dialer = node(List.of(bound));
    dialer.start();
    dialer.subscribe(topic);
    awaitMesh(listener, topic);
    assertThat(listener.tryPublish(topic, data).get(5, TimeUnit.SECONDS)).isEqualTo(new PublishResult.Published(1));
    assertThat(listener.tryPublish(topic, data).get(5, TimeUnit.SECONDS)).isEqualTo(new PublishResult.Duplicate());
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(ExecutionProofGossipValidatorTest.proof(3));
  }

  @Test
  void redialsAStaticPeerAfterItDisconnects() throws Exception {
    listener = node(List.of());
    final Multiaddr bound = listener.start().withPeerId(listener.peerId());
    dialer = node(List.of(bound));
    dialer.start();
    awaitConnections(listener, 1);
    listener.disconnect(dialer.peerId());
    awaitConnections(listener, 0);
    awaitConnections(listener, 1);
  }

  @Test
  void sendsStatusOnEveryConnectionItDials() throws Exception {
    final Map<PeerId, Status> listenerSaw = new ConcurrentHashMap<>();
    final Map<PeerId, Status> dialerSaw = new ConcurrentHashMap<>();
    final Status listenerStatus = status("11");
    final Status dialerStatus = status("22");
    listener = node(List.of(), Optional.of(reqResp(listenerStatus, listenerSaw)));
    final Multiaddr bound = listener.start().withPeerId(listener.peerId());
    dialer = node(List.of(bound), Optional.of(reqResp(dialerStatus, dialerSaw)));
    dialer.start();
    for (int i = 0; i < 100 && dialerSaw.isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(listenerSaw).containsEntry(dialer.peerId(), dialerStatus);
    assertThat(dialerSaw).containsEntry(listener.peerId(), listenerStatus);
  }

  private static Status status(final String rootByte) {
    return new Status(
        ImmutableBytes.fromHex("bfe0d3f4"),
        Bytes32.fromHex(rootByte.repeat(32)),
        1,
        Bytes32.fromHex(rootByte.repeat(32)),
        32);
  }

  private static Eth2ReqResp reqResp(final Status ours, final Map<PeerId, Status> seen) {
    return new Eth2ReqResp(
        () -> ours, () -> MetaData.noSubnets(0), seen::put, ReqRespTimeouts.SPEC);
  }

  private Eth2GossipNode node(final List<Multiaddr> staticPeers) {
    return node(staticPeers, Optional.empty());
  }

  private static Eth2NodeConfig config(final List<Multiaddr> staticPeers) {
    return new Eth2NodeConfig(
        Secp256k1PrivateKey.generate(),
        ANY_PORT,
        staticPeers,
        "bfe0d3f4",
        Duration.ofMillis(100),
        Duration.ofMillis(400));
  }

  private Eth2GossipNode node(
      final List<Multiaddr> staticPeers, final Optional<Eth2ReqResp> reqResp) {
    final ExecutionProofGossipValidator validator =
        new ExecutionProofGossipValidator(
            "bfe0d3f4",
            CODEC,
            (from, subnet, proof) -> {
              received.add(proof);
              return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
            });
    return new Eth2GossipNode(config(staticPeers), validator, (id, message) -> {}, reqResp);
  }

  private static void awaitMesh(final Eth2GossipNode node, final GossipTopic topic)
      throws InterruptedException {
    for (int i = 0; i < 100 && node.topicPeerCount(topic) < 1; i++) {
      Thread.sleep(50);
    }
  }

  private static void awaitConnections(final Eth2GossipNode node, final int count)
      throws InterruptedException {
    for (int i = 0; i < 100 && node.connectionCount() != count; i++) {
      Thread.sleep(50);
    }
    assertThat(node.connectionCount()).isEqualTo(count);
  }
}
