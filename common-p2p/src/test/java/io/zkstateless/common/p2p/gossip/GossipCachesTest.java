package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GossipCachesTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());

  private static MessageId id(final int n) {
    return MessageId.of(new byte[] {(byte) n});
  }

  @Test
  void seenCacheForgetsAfterTheTtlAndStaysBounded() {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    final SeenCache seen = new SeenCache(Duration.ofSeconds(10), 3, now::get);
    assertThat(seen.add(id(1))).isTrue();
    assertThat(seen.add(id(1))).isFalse();
    now.set(Instant.EPOCH.plusSeconds(5));
    assertThat(seen.add(id(2))).isTrue();
    now.set(Instant.EPOCH.plusSeconds(10));
    assertThat(seen.contains(id(1))).as("expired at exactly the ttl").isFalse();
    assertThat(seen.contains(id(2))).isTrue();
    seen.add(id(3));
    seen.add(id(4));
    seen.add(id(5));
    assertThat(seen.size()).isEqualTo(3);
    assertThat(seen.contains(id(2))).as("evicted as the oldest").isFalse();
    assertThat(seen.add(id(5))).isFalse();
  }

  @Test
  void messageCacheGossipsRecentWindowsAndForgetsOldOnes() {
    final MessageCache cache = new MessageCache(3, 2, 2);
    cache.put(id(1), GossipMessage.unsigned("/a", new byte[] {1}));
    cache.put(id(2), GossipMessage.unsigned("/b", new byte[] {2}));
    cache.shift();
    cache.put(id(3), GossipMessage.unsigned("/a", new byte[] {3}));
    assertThat(cache.gossipIds("/a")).containsExactly(id(3), id(1));
    cache.shift();
    // id 1 is now in the third window: still served, no longer gossiped.
    assertThat(cache.gossipIds("/a")).containsExactly(id(3));
    assertThat(cache.get(id(1))).isPresent();
    cache.shift();
    assertThat(cache.get(id(1))).isEmpty();
    assertThat(cache.get(id(3))).isPresent();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void messageCacheLimitsRetransmissionsPerPeer() {
    final MessageCache cache = new MessageCache(3, 2, 2);
    cache.put(id(1), GossipMessage.unsigned("/a", new byte[] {1}));
    assertThat(cache.getForPeer(id(1), PEER)).isPresent();
    assertThat(cache.getForPeer(id(1), PEER)).isPresent();
    assertThat(cache.getForPeer(id(1), PEER)).isEmpty();
    assertThat(cache.getForPeer(id(9), PEER)).isEmpty();
    cache.put(id(1), GossipMessage.unsigned("/a", new byte[] {1}));
    assertThat(cache.gossipIds("/a")).containsExactly(id(1));
  }
}
