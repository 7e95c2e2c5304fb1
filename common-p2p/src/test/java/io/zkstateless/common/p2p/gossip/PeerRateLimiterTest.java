package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-peer token buckets, on a clock the test moves. */
class PeerRateLimiterTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/execution_proof_0/ssz_snappy";
  private static final PeerId A = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final PeerId B = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final long SECOND = 1_000_000_000L;

  private long now = 42 * SECOND;

  /** 10 messages/s, 5 at once; 1,000 bytes/s, 2,000 at once. */
  private final PeerRateLimiter limiter =
      new PeerRateLimiter(new GossipRateLimit(10, 5, 1_000, 2_000), () -> now);

  @Test
  void aBurstPassesAndTheMessagesBeyondItAreDroppedInOrder() {
    final PeerRateLimiter.Admission admission = limiter.admit(A, rpc(8, 10));
    assertThat(admission.admitted().messages()).extracting(m -> m.data()[0])
        .containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
    assertThat(admission.dropped()).extracting(m -> m.data()[0])
        .containsExactly((byte) 5, (byte) 6, (byte) 7);
  }

  @Test
  void tokensComeBackAtTheRateAndNoFasterThanTheBurst() {
    limiter.admit(A, rpc(5, 10));
    assertThat(limiter.admit(A, rpc(1, 10)).dropped()).hasSize(1);
    now += SECOND / 10; // one message's worth
    assertThat(limiter.admit(A, rpc(2, 10)).dropped()).hasSize(1);
    now += 60 * SECOND; // long idle: back to the burst, not 600 messages
    assertThat(limiter.admit(A, rpc(7, 10)).dropped()).hasSize(2);
  }

  @Test
  void bytesAreLimitedApartFromMessages() {
    // 2,000 bytes at once: three 600-byte messages fit, the fourth does not.
    assertThat(limiter.admit(A, rpc(4, 600)).dropped()).hasSize(1);
    assertThat(limiter.admit(A, rpc(1, 600)).dropped()).hasSize(1); // 200 bytes left, 2 messages
    now += SECOND / 2; // 500 bytes back: 700
    assertThat(limiter.admit(A, rpc(1, 600)).dropped()).isEmpty();
    assertThat(limiter.admit(A, rpc(1, 101)).dropped()).hasSize(1);
    assertThat(limiter.admit(A, rpc(1, 100)).dropped()).isEmpty();
  }

  @Test
  void aMessageDroppedForBytesDoesNotSpendAMessageToken() {
    assertThat(limiter.admit(A, rpc(1, 2_001)).dropped()).hasSize(1);
    assertThat(limiter.admit(A, rpc(5, 1)).dropped()).isEmpty();
  }

  @Test
  void eachPeerHasItsOwnBuckets() {
    assertThat(limiter.admit(A, rpc(6, 1)).dropped()).hasSize(1);
    assertThat(limiter.admit(B, rpc(5, 1)).dropped()).isEmpty();
    assertThat(limiter.trackedPeers()).isEqualTo(2);
  }

  @Test
  void subscriptionsAndControlPassWithTheMessagesThatFit() {
    final GossipRpc rpc =
        new GossipRpc(
            List.of(new Subscription(true, TOPIC)),
            rpc(6, 1).messages(),
            new Control(List.of(), List.of(), List.of(new Graft(TOPIC)), List.of(), List.of()));
    final GossipRpc admitted = limiter.admit(A, rpc).admitted();
    assertThat(admitted.subscriptions()).isEqualTo(rpc.subscriptions());
    assertThat(admitted.control()).isEqualTo(rpc.control());
    assertThat(admitted.messages()).hasSize(5);
  }

  @Test
  void anRpcWithinTheRateIsPassedAsItIs() {
    final GossipRpc rpc = rpc(3, 10);
    assertThat(limiter.admit(A, rpc).admitted()).isSameAs(rpc);
  }

  @Test
  void aForgottenPeerStartsWithAFullBurst() {
    limiter.admit(A, rpc(5, 1));
    limiter.forget(A);
    assertThat(limiter.trackedPeers()).isZero();
    assertThat(limiter.admit(A, rpc(5, 1)).dropped()).isEmpty();
  }

  @Test
  void unlimitedKeepsNoBuckets() {
    final PeerRateLimiter unlimited = new PeerRateLimiter(GossipRateLimit.UNLIMITED, () -> now);
    assertThat(unlimited.admit(A, rpc(10_000, 1)).dropped()).isEmpty();
    assertThat(unlimited.trackedPeers()).isZero();
  }

  @Test
  void aClockGoingBackwardsRefillsNothing() {
    limiter.admit(A, rpc(5, 1));
    now -= 10 * SECOND;
    assertThat(limiter.admit(A, rpc(1, 1)).dropped()).hasSize(1);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new GossipRateLimit(0, 5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GossipRateLimit(1, 0.5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GossipRateLimit(1, 1, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** {@code count} messages of {@code size} bytes, the first byte of each its index. */
  private static GossipRpc rpc(final int count, final int size) {
    final List<GossipMessage> messages =
        IntStream.range(0, count)
            .mapToObj(
                i -> {
                  final byte[] data = new byte[size];
                  data[0] = (byte) i;
                  return GossipMessage.unsigned(TOPIC, data);
                })
            .toList();
    return new GossipRpc(List.of(), messages, Control.EMPTY);
  }
}
