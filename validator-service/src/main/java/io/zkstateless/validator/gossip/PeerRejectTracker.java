package io.zkstateless.validator.gossip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts REJECTed gossip messages per peer in a sliding window and says when a peer passes the
 * threshold. Bounded: at most {@code threshold} timestamps per peer and {@link #MAX_PEERS} peers
 * (the least recently penalised go first).
 */
final class PeerRejectTracker {

  static final int MAX_PEERS = 4096;

  private final int threshold;
  private final Duration window;
  private final Map<String, Deque<Instant>> rejects = new LinkedHashMap<>(16, 0.75f, true);

  PeerRejectTracker(final int threshold, final Duration window) {
    this.threshold = threshold;
    this.window = window;
  }

  /**
   * Records a REJECT from {@code peer}; true when this one makes {@code threshold} within the
   * window, and then the peer's count starts again.
   */
  synchronized boolean recordReject(final String peer, final Instant now) {
    final Deque<Instant> times = rejects.computeIfAbsent(peer, p -> new ArrayDeque<>());
    final Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.pollFirst();
    }
    times.addLast(now);
    if (rejects.size() > MAX_PEERS) {
      rejects.remove(rejects.keySet().iterator().next());
    }
    if (times.size() >= threshold) {
      rejects.remove(peer);
      return true;
    }
    return false;
  }
}
