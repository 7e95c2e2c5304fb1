package io.zkstateless.common.p2p.gossip.score;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What scoring remembers of each recent message: its validation status and which peers sent
 * copies, so that copies arriving during validation get the verdict of the first (P3 credit if
 * valid, P4 penalty if rejected). Entries older than {@link #TTL} are dropped, and at most {@link
 * #CAPACITY} are kept, oldest evicted first.
 */
final class DeliveryRecords {

  /** go-libp2p's TimeCacheDuration for delivery records. */
  static final Duration TTL = Duration.ofMinutes(2);

  static final int CAPACITY = 100_000;

  enum Status {
    PENDING,
    VALID,
    INVALID,
    IGNORED
  }

  static final class Record {
    final Instant firstSeen;
    Status status = Status.PENDING;
    Instant validated = Instant.EPOCH;
    final Set<PeerId> peers = new LinkedHashSet<>();

    Record(final Instant firstSeen) {
      this.firstSeen = firstSeen;
    }
  }

  private final LinkedHashMap<MessageId, Record> records =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<MessageId, Record> eldest) {
          return size() > CAPACITY;
        }
      };

  Record get(final MessageId id, final Instant now) {
    return records.computeIfAbsent(id, i -> new Record(now));
  }

  void remove(final MessageId id) {
    records.remove(id);
  }

  void expire(final Instant now) {
    final Iterator<Record> it = records.values().iterator();
    while (it.hasNext() && !it.next().firstSeen.plus(TTL).isAfter(now)) {
      it.remove();
    }
  }

  int size() {
    return records.size();
  }
}
