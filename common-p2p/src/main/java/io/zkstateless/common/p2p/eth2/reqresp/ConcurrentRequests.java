package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.p2p.crypto.PeerId;
import java.util.HashMap;
import java.util.Map;

/**
 * How many requests of one protocol are in flight with each peer, capped at {@link
 * #MAX_CONCURRENT_REQUESTS} (phase 0: a requester MUST NOT make more than that many concurrent
 * requests with the same protocol id, and a responder MAY penalise peers that do).
 */
final class ConcurrentRequests {

  /** phase 0 {@code MAX_CONCURRENT_REQUESTS}. */
  static final int MAX_CONCURRENT_REQUESTS = 2;

  private final Map<PeerId, Integer> inFlight = new HashMap<>();

  /** Counts one more request with {@code peer}; false (and nothing counted) at the limit. */
  synchronized boolean tryAcquire(final PeerId peer) {
    final int current = inFlight.getOrDefault(peer, 0);
    if (current >= MAX_CONCURRENT_REQUESTS) {
      return false;
    }
    inFlight.put(peer, current + 1);
    return true;
  }

  /** One request with {@code peer} finished; call once per successful {@link #tryAcquire}. */
  synchronized void release(final PeerId peer) {
    inFlight.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
  }

  synchronized int inFlight(final PeerId peer) {
    return inFlight.getOrDefault(peer, 0);
  }
}
