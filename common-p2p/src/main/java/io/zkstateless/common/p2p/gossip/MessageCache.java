package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * gossipsub's message cache (mcache): recent messages in {@code historyLength} windows, shifted at
 * each heartbeat. IHAVE gossip advertises the ids of the newest {@code gossipWindows} windows, and
 * IWANT is answered from the whole cache, at most {@code maxTransmissions} times per peer and
 * message (v1.1's GossipRetransmission) so a peer cannot make us resend a message endlessly.
 */
public final class MessageCache {

  private final int gossipWindows;
  private final int maxTransmissions;
  private final ArrayDeque<List<Entry>> windows = new ArrayDeque<>();
  private final Map<MessageId, Cached> messages = new HashMap<>();

  public MessageCache(
      final int historyLength, final int gossipWindows, final int maxTransmissions) {
    if (gossipWindows < 1 || gossipWindows > historyLength || maxTransmissions < 1) {
      throw new IllegalArgumentException(
          "need 1 <= gossipWindows <= historyLength and transmissions >= 1");
    }
    this.gossipWindows = gossipWindows;
    this.maxTransmissions = maxTransmissions;
    for (int i = 0; i < historyLength; i++) {
      windows.addLast(new ArrayList<>());
    }
  }

  /** Caches a validated message in the newest window; a known id is ignored. */
  public void put(final MessageId id, final GossipMessage message) {
    if (messages.putIfAbsent(id, new Cached(message, new HashMap<>())) == null) {
      windows.peekFirst().add(new Entry(id, message.topic()));
    }
  }

  public Optional<GossipMessage> get(final MessageId id) {
    return Optional.ofNullable(messages.get(id)).map(Cached::message);
  }

  /** The message for {@code peer}'s IWANT, unless it already got it too often. */
  public Optional<GossipMessage> getForPeer(final MessageId id, final PeerId peer) {
    final Cached cached = messages.get(id);
    if (cached == null) {
      return Optional.empty();
    }
    final int sent = cached.transmissions().merge(peer, 1, Integer::sum);
    return sent > maxTransmissions ? Optional.empty() : Optional.of(cached.message());
  }

  /** Ids of {@code topic} in the newest gossip windows, newest first. */
  public List<MessageId> gossipIds(final String topic) {
    final List<MessageId> ids = new ArrayList<>();
    final Iterator<List<Entry>> newestFirst = windows.iterator();
    for (int i = 0; i < gossipWindows && newestFirst.hasNext(); i++) {
      for (final Entry entry : newestFirst.next()) {
        if (entry.topic().equals(topic)) {
          ids.add(entry.id());
        }
      }
    }
    return ids;
  }

  /** Drops the oldest window and opens a new one (once per heartbeat). */
  public void shift() {
    for (final Entry dropped : windows.pollLast()) {
      messages.remove(dropped.id());
    }
    windows.addFirst(new ArrayList<>());
  }

  public int size() {
    return messages.size();
  }

  private record Entry(MessageId id, String topic) {}

  private record Cached(GossipMessage message, Map<PeerId, Integer> transmissions) {}
}
