package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router against scripted peers, with a hand-moved clock and explicit heartbeats. */
class GossipRouterTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/beacon_block/ssz_snappy";
  private static final List<PeerId> PEERS =
      IntStream.range(0, 14)
          .mapToObj(i -> PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey()))
          .toList();

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final List<Sent> sent = new ArrayList<>();
  private final List<GossipMessage> delivered = new ArrayList<>();
  private GossipValidator.Result verdict = GossipValidator.Result.ACCEPT;
  private GossipRouter router;

  private record Sent(PeerId to, GossipRpc rpc) {}

  @BeforeEach
  void setUp() {
    router =
        new GossipRouter(
            GossipParams.ETH2,
            GossipRouterTest::sha256Id,
            (from, message) -> CompletableFuture.completedFuture(verdict),
            (id, message) -> delivered.add(message),
            (peer, rpc) -> sent.add(new Sent(peer, rpc)),
            now::get);
  }

  @Test
  void joiningGraftsDPeersAndAnnouncesTheSubscriptionToAll() {
    connect(10, true);
    router.subscribe(TOPIC);
    assertThat(router.meshPeers(TOPIC)).hasSize(GossipParams.ETH2.d());
    assertThat(sent.stream().filter(s -> !s.rpc().control().graft().isEmpty())).hasSize(8);
    assertThat(sent.stream().filter(s -> !s.rpc().subscriptions().isEmpty()).map(Sent::to))
        .containsExactlyInAnyOrderElementsOf(PEERS.subList(0, 10));
  }

  @Test
  void deliversOnceForwardsToTheMeshAndDropsSignedOrRejectedMessages() {
    connect(3, true);
    router.subscribe(TOPIC);
    sent.clear();
    final GossipMessage message = GossipMessage.unsigned(TOPIC, new byte[] {1});
    router.onRpc(PEERS.get(0), rpcWith(message));
    router.onRpc(PEERS.get(1), rpcWith(message));
    assertThat(delivered).hasSize(1);
    assertThat(sent.stream().map(Sent::to)).containsExactlyInAnyOrder(PEERS.get(1), PEERS.get(2));

    router.onRpc(
        PEERS.get(0),
        rpcWith(
            new GossipMessage(
                TOPIC,
                new byte[] {2},
                Optional.of(new byte[0]),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));
    verdict = GossipValidator.Result.REJECT;
    router.onRpc(PEERS.get(0), rpcWith(GossipMessage.unsigned(TOPIC, new byte[] {3})));
    assertThat(delivered).hasSize(1);
  }

  @Test
  void holdsAMessageUntilAnAsynchronousVerdictArrives() {
    final CompletableFuture<GossipValidator.Result> later = new CompletableFuture<>();
    router =
        new GossipRouter(
            GossipParams.ETH2,
            GossipRouterTest::sha256Id,
            (from, message) -> later,
            (id, message) -> delivered.add(message),
            (peer, rpc) -> sent.add(new Sent(peer, rpc)),
            now::get);
    connect(2, true);
    router.subscribe(TOPIC);
    sent.clear();
    router.onRpc(PEERS.get(0), rpcWith(GossipMessage.unsigned(TOPIC, new byte[] {7})));
    assertThat(delivered).isEmpty();
    assertThat(sent).isEmpty();
    later.complete(GossipValidator.Result.ACCEPT);
    assertThat(delivered).hasSize(1);
    assertThat(sent.stream().map(Sent::to)).containsExactly(PEERS.get(1));
  }

  @Test
  void boundsPendingValidationsAndDropsVerdictsThatTakeTooLong() throws Exception {
    final AtomicInteger validations = new AtomicInteger();
    router =
        new GossipRouter(
            GossipParams.ETH2.withValidationBounds(1, Duration.ofMillis(100)),
            GossipRouterTest::sha256Id,
            (from, message) -> {
              validations.incrementAndGet();
              return new CompletableFuture<>();
            },
            (id, message) -> delivered.add(message),
            (peer, rpc) -> sent.add(new Sent(peer, rpc)),
            now::get);
    connect(1, true);
    router.subscribe(TOPIC);
    router.onRpc(PEERS.get(0), rpcWith(GossipMessage.unsigned(TOPIC, new byte[] {1})));
    router.onRpc(PEERS.get(0), rpcWith(GossipMessage.unsigned(TOPIC, new byte[] {2})));
    assertThat(validations).as("the second waits for no validator slot").hasValue(1);
    Thread.sleep(300);
    // The first timed out (no verdict: forgotten), freeing the slot; the dropped second was
    // forgotten too, not seen.
    router.onRpc(PEERS.get(0), rpcWith(GossipMessage.unsigned(TOPIC, new byte[] {2})));
    assertThat(validations).hasValue(2);
    assertThat(delivered).isEmpty();
  }

  @Test
  void honoursBackoffAfterAPruneAndPrunesGraftsDuringIt() {
    connect(1, true);
    router.subscribe(TOPIC);
    final PeerId peer = PEERS.get(0);
    assertThat(router.meshPeers(TOPIC)).containsExactly(peer);
    router.onRpc(
        peer,
        control(
            new Control(
                List.of(),
                List.of(),
                List.of(),
                List.of(new Prune(TOPIC, List.of(), Optional.of(30L))),
                List.of())));
    assertThat(router.meshPeers(TOPIC)).isEmpty();
    sent.clear();
    router.heartbeat();
    assertThat(grafts()).as("no re-GRAFT during the peer's backoff").isEmpty();
    now.set(Instant.EPOCH.plusSeconds(31));
    router.heartbeat();
    assertThat(grafts()).containsExactly(peer);

    // A GRAFT while we have the peer in backoff is answered with PRUNE.
    router.onRpc(
        peer,
        control(
            new Control(
                List.of(),
                List.of(),
                List.of(),
                List.of(new Prune(TOPIC, List.of(), Optional.of(60L))),
                List.of())));
    sent.clear();
    router.onRpc(
        peer,
        control(
            new Control(List.of(), List.of(), List.of(new Graft(TOPIC)), List.of(), List.of())));
    assertThat(sent.get(0).rpc().control().prune()).hasSize(1);
    assertThat(router.meshPeers(TOPIC)).isEmpty();
  }

  @Test
  void heartbeatTrimsAnOversizedMeshToD() {
    connect(14, true);
    // Outbound, so that the mesh takes GRAFTs beyond D_high (it refuses inbound peers there).
    PEERS.forEach(p -> router.setOutbound(p, true));
    router.subscribe(TOPIC);
    PEERS.forEach(
        p ->
            router.onRpc(
                p,
                control(
                    new Control(
                        List.of(), List.of(), List.of(new Graft(TOPIC)), List.of(), List.of()))));
    assertThat(router.meshPeers(TOPIC)).hasSize(14);
    sent.clear();
    router.heartbeat();
    assertThat(router.meshPeers(TOPIC)).hasSize(GossipParams.ETH2.d());
    assertThat(sent.stream().filter(s -> !s.rpc().control().prune().isEmpty())).hasSize(6);
  }

  @Test
  void answersIHaveWithIWantAndIWantFromTheCacheWithinTheRetransmissionLimit() {
    connect(1, true);
    router.subscribe(TOPIC);
    final PeerId peer = PEERS.get(0);
    final byte[] unknown = new byte[20];
    sent.clear();
    router.onRpc(
        peer,
        control(
            new Control(
                List.of(new IHave(TOPIC, List.of(unknown))),
                List.of(),
                List.of(),
                List.of(),
                List.of())));
    assertThat(sent.get(0).rpc().control().iwant().get(0).messageIds().get(0)).isEqualTo(unknown);
    sent.clear();
    router.onRpc(
        peer,
        control(
            new Control(
                List.of(new IHave(TOPIC, List.of(unknown))),
                List.of(),
                List.of(),
                List.of(),
                List.of())));
    assertThat(sent).as("an id already asked for is not asked again").isEmpty();

    router.publish(TOPIC, new byte[] {9});
    final byte[] id = sha256Id(GossipMessage.unsigned(TOPIC, new byte[] {9})).toBytes();
    sent.clear();
    for (int i = 0; i < 5; i++) {
      router.onRpc(
          peer,
          control(
              new Control(
                  List.of(), List.of(new IWant(List.of(id))), List.of(), List.of(), List.of())));
    }
    assertThat(sent).hasSize(GossipParams.ETH2.maxRetransmissions());
  }

  @Test
  void publishesToEverySubscribedPeerAndGossipsIdsToNonMeshPeers() {
    connect(12, true);
    connect2Unsubscribed();
    assertThat(router.publish(TOPIC, new byte[] {5})).isEqualTo(12);
    router.subscribe(TOPIC);
    sent.clear();
    router.heartbeat();
    final long ihaves = sent.stream().filter(s -> !s.rpc().control().ihave().isEmpty()).count();
    // Only the 4 subscribed peers outside the mesh of 8 get IHAVE (D_lazy = 6 is an upper bound).
    assertThat(ihaves).isEqualTo(12 - GossipParams.ETH2.d());
  }

  @Test
  void aPublishThatReachedNobodyIsNotSeenAndGoesOutOnceAPeerArrives() {
    final byte[] data = {7};
    final MessageId id = sha256Id(GossipMessage.unsigned(TOPIC, data));
    assertThat(router.publish(TOPIC, data)).isZero();
    assertThat(router.hasSeen(id)).isFalse();

    connect(1, true);
    sent.clear();
    assertThat(router.publish(TOPIC, data)).isEqualTo(1);
    assertThat(router.hasSeen(id)).isTrue();
    assertThat(sent.stream().filter(s -> !s.rpc().messages().isEmpty()).map(Sent::to))
        .containsExactly(PEERS.get(0));
  }

  private void connect2Unsubscribed() {
    router.onOutboundStream(PEERS.get(12));
    router.onOutboundStream(PEERS.get(13));
  }

  private void connect(final int count, final boolean subscribed) {
    for (final PeerId p : PEERS.subList(0, count)) {
      router.onOutboundStream(p);
      if (subscribed) {
        router.onRpc(p, GossipRpc.of(List.of(new Subscription(true, TOPIC))));
      }
    }
  }

  private List<PeerId> grafts() {
    return sent.stream().filter(s -> !s.rpc().control().graft().isEmpty()).map(Sent::to).toList();
  }

  private static GossipRpc rpcWith(final GossipMessage message) {
    return new GossipRpc(List.of(), List.of(message), Control.EMPTY);
  }

  private static GossipRpc control(final Control control) {
    return new GossipRpc(List.of(), List.of(), control);
  }

  static MessageId sha256Id(final GossipMessage message) {
    try {
      final byte[] digest = MessageDigest.getInstance("SHA-256").digest(message.data());
      return MessageId.of(Arrays.copyOf(digest, 20));
    } catch (final Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
