package io.zkstateless.broadcaster.publish;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent broadcast states by block hash, for the admin API. Bounded (oldest evicted) and in memory:
 * the durable record of outcomes is the {@code broadcast-results} topic; this answers "what is
 * happening to this block's proofs right now".
 */
public final class BroadcastStatusBook {

  private final int capacity;
  private final Clock clock;
  private final LinkedHashMap<String, BroadcastStatus> byKey;

  public BroadcastStatusBook(final int capacity, final Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
    this.byKey = new LinkedHashMap<>(16, 0.75f, false);
  }

  public synchronized void retrying(
      final String blockHash, final int subnet, final int attempts, final String reason) {
    put(new BroadcastStatus(blockHash, subnet, "retrying", attempts, 0, reason, clock.instant()));
  }

  public synchronized void finished(final BroadcastResult result) {
    put(
        new BroadcastStatus(
            result.blockHash(),
            result.subnet(),
            result.result().tag(),
            result.attempts(),
            result.peersReached(),
            result.reason(),
            clock.instant()));
  }

  /** Every known subnet state of the block, in subnet order. */
  public synchronized List<BroadcastStatus> byBlockHash(final String blockHash) {
    final List<BroadcastStatus> found = new ArrayList<>();
    for (final Map.Entry<String, BroadcastStatus> entry : byKey.entrySet()) {
      if (entry.getValue().blockHash().equals(blockHash)) {
        found.add(entry.getValue());
      }
    }
    found.sort((a, b) -> Integer.compare(a.subnet(), b.subnet()));
    return found;
  }

  private void put(final BroadcastStatus status) {
    final String key = status.blockHash() + "/" + status.subnet();
    byKey.remove(key);
    byKey.put(key, status);
    while (byKey.size() > capacity) {
      byKey.remove(byKey.keySet().iterator().next());
    }
  }
}
