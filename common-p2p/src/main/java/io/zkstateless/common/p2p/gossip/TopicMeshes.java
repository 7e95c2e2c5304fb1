package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topics we joined and their meshes, the fanout peers of topics we publish to without having
 * joined them, and the PRUNE backoffs, with the moves between them: joining a topic starts its mesh
 * from its fanout, pruning a peer backs us off from it, topping up picks random subscribed peers
 * out of backoff with a score of at least 0. Guarded by the router's lock.
 */
final class TopicMeshes {

  private final GossipParams params;
  private final InstantSource clock;
  private final GossipPeers peers;
  private final GossipScoring scoring;
  private final OutgoingRpcs outgoing;
  private final PruneBackoffs backoffs;
  private final Set<String> subscriptions = new HashSet<>();
  private final Map<String, Set<PeerId>> mesh = new HashMap<>();
  private final Map<String, Set<PeerId>> fanout = new HashMap<>();
  private final Map<String, Instant> fanoutPublished = new HashMap<>();

  TopicMeshes(
      final GossipParams params,
      final InstantSource clock,
      final GossipPeers peers,
      final GossipScoring scoring,
      final OutgoingRpcs outgoing) {
    this.params = params;
    this.clock = clock;
    this.peers = peers;
    this.scoring = scoring;
    this.outgoing = outgoing;
    this.backoffs = new PruneBackoffs(clock);
  }

  boolean subscribed(final String topic) {
    return subscriptions.contains(topic);
  }

  /** The topics we joined (a live, read-only view). */
  Set<String> subscriptions() {
    return Collections.unmodifiableSet(subscriptions);
  }

  /** Joins the topic's mesh and GRAFTs its peers; false if we had joined it already. */
  boolean join(final String topic) {
    if (!subscriptions.add(topic)) {
      return false;
    }
    // Join: start from the fanout peers, then any subscribed peers out of backoff.
    final Set<PeerId> joined = new LinkedHashSet<>(fanout.getOrDefault(topic, Set.of()));
    fanout.remove(topic);
    fanoutPublished.remove(topic);
    joined.removeIf(p -> inBackoff(topic, p));
    topUp(topic, joined, params.d());
    mesh.put(topic, joined);
    scoring.syncMesh(topic, joined);
    joined.forEach(p -> outgoing.graft(p, topic));
    return true;
  }

  /** Leaves the topic's mesh, PRUNEing its peers; false if we had not joined it. */
  boolean leave(final String topic) {
    if (!subscriptions.remove(topic)) {
      return false;
    }
    for (final PeerId p : mesh.getOrDefault(topic, Set.of())) {
      prune(topic, p);
    }
    mesh.remove(topic);
    scoring.syncMesh(topic, Set.of());
    return true;
  }

  /** The topic's mesh (a live view; empty if there is none). */
  Set<PeerId> mesh(final String topic) {
    return Collections.unmodifiableSet(mesh.getOrDefault(topic, Set.of()));
  }

  /** The topic's mesh, created empty if missing, for the heartbeat to change. */
  Set<PeerId> meshToMaintain(final String topic) {
    return mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>());
  }

  /** A GRAFT we accepted. */
  void addToMesh(final String topic, final PeerId peer) {
    mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(peer);
  }

  void removeFromMesh(final String topic, final PeerId peer) {
    Optional.ofNullable(mesh.get(topic)).ifPresent(m -> m.remove(peer));
  }

  /** The peer left the topic: it is in neither its mesh nor its fanout any more. */
  void peerLeft(final String topic, final PeerId peer) {
    removeFromMesh(topic, peer);
    Optional.ofNullable(fanout.get(topic)).ifPresent(f -> f.remove(peer));
  }

  /** The peer's gossip stream ended. */
  void peerGone(final PeerId peer) {
    mesh.values().forEach(m -> m.remove(peer));
    fanout.values().forEach(f -> f.remove(peer));
    // Its backoffs outlive it by at most our own prune backoff (see PruneBackoffs.peerGone).
    backoffs.peerGone(peer, clock.instant().plus(params.pruneBackoff()));
  }

  /** (peer, topic) backoff entries held, ended or not (for tests of its bounds). */
  int backoffEntryCount() {
    return backoffs.entryCount();
  }

  /** We published to a topic: if we have not joined it, its fanout is kept (and topped up). */
  void published(final String topic) {
    if (!subscriptions.contains(topic)) {
      final Set<PeerId> fan = fanout.computeIfAbsent(topic, t -> new LinkedHashSet<>());
      topUp(topic, fan, params.d());
      fanoutPublished.put(topic, clock.instant());
    }
  }

  /** Forgets the backoffs that ended by {@code now}. */
  void expireBackoffs(final Instant now) {
    backoffs.expire(now);
  }

  /**
   * Forgets the fanouts not published to within the fanout TTL, drops fanout peers that left their
   * topic and tops the rest up; returns the fanouts (a live, read-only view).
   */
  Map<String, Set<PeerId>> maintainFanout(final Instant now) {
    fanoutPublished
        .entrySet()
        .removeIf(
            e -> {
              final boolean expired = !e.getValue().plus(params.fanoutTtl()).isAfter(now);
              if (expired) {
                fanout.remove(e.getKey());
              }
              return expired;
            });
    for (final Map.Entry<String, Set<PeerId>> f : fanout.entrySet()) {
      f.getValue().removeIf(p -> !peers.subscribed(p, f.getKey()));
      topUp(f.getKey(), f.getValue(), params.d());
    }
    return Collections.unmodifiableMap(fanout);
  }

  /** Tells the peer it is PRUNEd from the topic's mesh, with the backoff we then respect too. */
  void prune(final String topic, final PeerId peer) {
    outgoing.prune(
        peer, new Prune(topic, List.of(), Optional.of(params.pruneBackoff().toSeconds())));
    // We must not re-GRAFT during the backoff we asked the peer to respect; a topic that has no
    // mesh of ours (a GRAFT for a topic we are not in) needs none, and junk topics take no memory.
    if (mesh.containsKey(topic)) {
      backoffs.backOff(topic, peer, clock.instant().plus(params.pruneBackoff()));
    }
  }

  /** The peer PRUNEd us: no GRAFT to it for {@code seconds}. */
  void prunedBy(final String topic, final PeerId peer, final long seconds) {
    backoffs.backOff(topic, peer, clock.instant().plusSeconds(seconds));
  }

  boolean inBackoff(final String topic, final PeerId peer) {
    return backoffs.active(topic, peer);
  }

  /** Adds random subscribed peers out of backoff, scoring at least 0, until {@code size}. */
  void topUp(final String topic, final Set<PeerId> target, final int size) {
    final List<PeerId> candidates = new ArrayList<>();
    peers
        .subscribedTo(topic)
        .filter(p -> !target.contains(p) && !inBackoff(topic, p))
        .filter(p -> scoring.score(p) >= 0)
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    for (final PeerId p : candidates) {
      if (target.size() >= size) {
        return;
      }
      target.add(p);
    }
  }
}
