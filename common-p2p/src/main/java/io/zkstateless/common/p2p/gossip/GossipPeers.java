package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The peers with a gossip stream, the topics each announced, and which of them we dialled (gossipsub
 * v1.1's outbound peers, of which meshes keep at least D_out). Guarded by the router's lock.
 */
final class GossipPeers {

  private final Set<PeerId> connected = new LinkedHashSet<>();
  private final Map<PeerId, Set<String>> topics = new HashMap<>();

  /** Peers we hold a connection to that we dialled: gossipsub v1.1's outbound peers (D_out). */
  private final Set<PeerId> outbound = new HashSet<>();

  void add(final PeerId peer) {
    connected.add(peer);
  }

  /** The peer's gossip stream ended: it and its announced topics are forgotten. */
  void remove(final PeerId peer) {
    connected.remove(peer);
    topics.remove(peer);
  }

  boolean contains(final PeerId peer) {
    return connected.contains(peer);
  }

  /** The connected peers, in the order their gossip streams opened (a live, read-only view). */
  Set<PeerId> connected() {
    return Collections.unmodifiableSet(connected);
  }

  /** Records a topic the peer joined or left. */
  void announced(final PeerId peer, final Subscription subscription) {
    final Set<String> announced = topics.computeIfAbsent(peer, p -> new HashSet<>());
    if (subscription.subscribe()) {
      if (announced.size() < GossipRouter.MAX_TOPICS_PER_PEER) {
        announced.add(subscription.topic());
      }
    } else {
      announced.remove(subscription.topic());
    }
  }

  boolean subscribed(final PeerId peer, final String topic) {
    return connected.contains(peer) && topics.getOrDefault(peer, Set.of()).contains(topic);
  }

  /** Connected peers that announced {@code topic}. */
  Stream<PeerId> subscribedTo(final String topic) {
    return connected.stream().filter(p -> subscribed(p, topic));
  }

  void setOutbound(final PeerId peer, final boolean dialledByUs) {
    if (dialledByUs) {
      outbound.add(peer);
    } else {
      outbound.remove(peer);
    }
  }

  boolean isOutbound(final PeerId peer) {
    return outbound.contains(peer);
  }
}
