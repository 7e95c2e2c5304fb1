package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Per topic, the peers we neither GRAFT nor take GRAFTs from until a time: after a PRUNE either
 * way, for the backoff it carried. Guarded by the router's lock.
 */
final class PruneBackoffs {

  private final Map<String, Map<PeerId, Instant>> until = new HashMap<>();
  private final InstantSource clock;

  PruneBackoffs(final InstantSource clock) {
    this.clock = clock;
  }

  void backOff(final String topic, final PeerId peer, final Instant end) {
    until.computeIfAbsent(topic, t -> new HashMap<>()).put(peer, end);
  }

  boolean active(final String topic, final PeerId peer) {
    final Instant end = until.getOrDefault(topic, Map.of()).get(peer);
    return end != null && end.isAfter(clock.instant());
  }

  /**
   * The peer left: a backoff it asked for (up to a day) outlives it only until {@code latest}
   * enough for a quick reconnect, and identities that come and go cannot pile entries up.
   */
  void peerGone(final PeerId peer, final Instant latest) {
    for (final Map<PeerId, Instant> byPeer : until.values()) {
      byPeer.computeIfPresent(peer, (p, end) -> end.isAfter(latest) ? latest : end);
    }
  }

  /** (peer, topic) entries held, ended or not (for tests of its bounds). */
  int entryCount() {
    return until.values().stream().mapToInt(Map::size).sum();
  }

  /** Forgets the backoffs that ended by {@code now}. */
  void expire(final Instant now) {
    until.values().forEach(b -> b.values().removeIf(end -> !end.isAfter(now)));
  }
}
