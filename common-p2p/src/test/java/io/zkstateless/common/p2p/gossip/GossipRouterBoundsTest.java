package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-peer state a connected peer, or a Sybil coming and going, could otherwise grow without end:
 * backoffs for topics we are not in, backoffs that outlive their peer, subscriptions to junk
 * topics (issue #9, memory under a flood).
 */
class GossipRouterBoundsTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/beacon_block/ssz_snappy";

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final List<GossipRpc> sent = new ArrayList<>();
  private GossipRouter router;

  @BeforeEach
  void setUp() {
    router =
        new GossipRouter(
            GossipParams.ETH2,
            m -> MessageId.of(m.data()),
            (from, message) -> CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT),
            (id, message) -> {},
            (peer, rpc) -> sent.add(rpc),
            now::get);
    router.subscribe(TOPIC);
  }

  @Test
  void graftsAndPrunesForTopicsWeAreNotInLeaveNoBackoff() {
    final PeerId peer = connect();
    final List<String> junk = IntStream.range(0, 1000).mapToObj(i -> "/junk/" + i).toList();
    router.onRpc(
        peer,
        control(
            junk.stream().map(Graft::new).toList(),
            junk.stream().map(t -> new Prune(t, List.of(), Optional.of(86_399L))).toList()));
    assertThat(router.backoffEntryCount()).isZero();
    // Still answered as the spec says: a GRAFT for a topic we are not in gets a PRUNE.
    assertThat(sent.stream().mapToInt(r -> r.control().prune().size()).sum()).isEqualTo(1000);

    router.onRpc(peer, control(List.of(), List.of(new Prune(TOPIC, List.of(), Optional.of(30L)))));
    assertThat(router.backoffEntryCount()).isOne();
  }

  @Test
  void aBackoffOutlivesItsPeerByAtMostThePruneBackoff() {
    final PeerId peer = connect();
    router.onRpc(
        peer, control(List.of(), List.of(new Prune(TOPIC, List.of(), Optional.of(86_399L)))));
    router.onPeerGone(peer);
    assertThat(router.backoffEntryCount()).isOne();
    now.set(now.get().plus(GossipParams.ETH2.pruneBackoff()).plusSeconds(1));
    router.heartbeat();
    assertThat(router.backoffEntryCount()).isZero();
  }

  @Test
  void aPeerIsHeldToAtMostMaxTopicsSubscriptions() {
    final PeerId peer = connect();
    for (int rpc = 0; rpc < 3; rpc++) {
      final int first = rpc * 1024;
      router.onRpc(
          peer,
          GossipRpc.of(
              IntStream.range(first, first + 1024)
                  .mapToObj(i -> new Subscription(true, "/junk/" + i))
                  .toList()));
    }
    assertThat(router.topicPeerCount("/junk/0")).isOne();
    assertThat(router.topicPeerCount("/junk/" + (GossipRouter.MAX_TOPICS_PER_PEER - 1))).isOne();
    assertThat(router.topicPeerCount("/junk/" + GossipRouter.MAX_TOPICS_PER_PEER)).isZero();
    // Unsubscribing makes room again.
    router.onRpc(peer, GossipRpc.of(List.of(new Subscription(false, "/junk/0"))));
    router.onRpc(peer, GossipRpc.of(List.of(new Subscription(true, TOPIC))));
    assertThat(router.topicPeerCount(TOPIC)).isOne();
  }

  private PeerId connect() {
    final PeerId peer = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
    router.onOutboundStream(peer);
    return peer;
  }

  private static GossipRpc control(final List<Graft> graft, final List<Prune> prune) {
    return new GossipRpc(
        List.of(), List.of(), new Control(List.of(), List.of(), graft, prune, List.of()));
  }
}
