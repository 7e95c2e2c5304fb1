package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message ids seen in the last {@code ttl} (eth2: 768 s on mainnet), so a message is processed
 * once however many peers forward it. Bounded: beyond {@code capacity} the oldest ids go first,
 * which can only cause a duplicate to be processed again, never a message to be lost.
 */
public final class SeenCache {

  private final Duration ttl;
  private final int capacity;
  private final InstantSource clock;
  private final LinkedHashMap<MessageId, Instant> seen = new LinkedHashMap<>();

  public SeenCache(final Duration ttl, final int capacity, final InstantSource clock) {
    if (ttl.isNegative() || ttl.isZero() || capacity < 1) {
      throw new IllegalArgumentException("ttl and capacity must be positive");
    }
    this.ttl = ttl;
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Records {@code id}; true if it was not seen within the ttl. */
  public boolean add(final MessageId id) {
    final Instant now = clock.instant();
    expire(now);
    if (seen.containsKey(id)) {
      return false;
    }
    if (seen.size() == capacity) {
      seen.pollFirstEntry();
    }
    seen.put(id, now);
    return true;
  }

  public boolean contains(final MessageId id) {
    expire(clock.instant());
    return seen.containsKey(id);
  }

  /** Forgets {@code id}, so a later copy is processed (used when a message was never judged). */
  public void remove(final MessageId id) {
    seen.remove(id);
  }

  public int size() {
    return seen.size();
  }

  /** Insertion order is time order, so expired ids are always at the head. */
  private void expire(final Instant now) {
    final Instant cutoff = now.minus(ttl);
    while (!seen.isEmpty()) {
      final Map.Entry<MessageId, Instant> oldest = seen.firstEntry();
      if (oldest.getValue().isAfter(cutoff)) {
        return;
      }
      seen.pollFirstEntry();
    }
  }
}
