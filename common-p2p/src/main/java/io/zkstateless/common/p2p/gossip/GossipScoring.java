package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.gossip.score.PeerScore;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the router asks of scoring and what it owes it beyond {@link PeerScore}: threshold tests,
 * IWANT promises (a peer that advertised a message with IHAVE and did not send it within {@link
 * #IWANT_FOLLOWUP} after our IWANT gets a P7 penalty), decay on the score's own interval, which
 * peers have been graylisted for long enough to disconnect, and which peers a topic's mesh holds
 * as scoring last saw it. Guarded by the router's lock.
 */
final class GossipScoring {

  /** go-libp2p's IWantFollowupTime. */
  static final Duration IWANT_FOLLOWUP = Duration.ofSeconds(3);

  /** go-libp2p's opportunistic grafting: every 60 heartbeats, up to 2 peers. */
  static final int OPPORTUNISTIC_GRAFT_TICKS = 60;

  static final int OPPORTUNISTIC_GRAFT_PEERS = 2;

  private final GossipScoreConfig config;
  private final PeerScore score;
  private final InstantSource clock;
  private final Map<MessageId, Map<PeerId, Instant>> promises = new HashMap<>();
  private final Map<PeerId, Instant> graylistedSince = new HashMap<>();
  private final Map<String, Set<PeerId>> scoredMesh = new HashMap<>();
  private Instant lastDecay;
  private long heartbeats;

  GossipScoring(final GossipScoreConfig config, final InstantSource clock) {
    this.config = config;
    this.score = new PeerScore(config.params(), config.appSpecificScore(), clock);
    this.clock = clock;
    this.lastDecay = clock.instant();
  }

  PeerScore peerScore() {
    return score;
  }

  PeerScoreThresholds thresholds() {
    return config.thresholds();
  }

  int dScore() {
    return config.dScore();
  }

  double score(final PeerId peer) {
    return score.score(peer);
  }

  boolean graylisted(final PeerId peer) {
    return score.score(peer) < config.thresholds().graylistThreshold();
  }

  boolean acceptsGossip(final PeerId peer) {
    return score.score(peer) >= config.thresholds().gossipThreshold();
  }

  boolean publishable(final PeerId peer) {
    return score.score(peer) >= config.thresholds().publishThreshold();
  }

  /** We sent {@code peer} an IWANT for {@code id}: it should arrive within the followup time. */
  void promise(final PeerId peer, final MessageId id) {
    promises
        .computeIfAbsent(id, i -> new HashMap<>())
        .putIfAbsent(peer, clock.instant().plus(IWANT_FOLLOWUP));
  }

  /** The message arrived (from anyone, valid or not): no promise for it is broken. */
  void received(final MessageId id) {
    promises.remove(id);
  }

  /** The peer's gossip stream ended: it left every mesh (a later GRAFT counts afresh). */
  void removePeer(final PeerId peer) {
    score.removePeer(peer);
    scoredMesh.values().forEach(m -> m.remove(peer));
  }

    /** Peers joined or left a topic's mesh since scoring last looked: tell the score (P1, P3b). */
  void syncMesh(final String topic, final Set<PeerId> mesh) {
    final Set<PeerId> before = scoredMesh.computeIfAbsent(topic, t -> new HashSet<>());
    before.stream().filter(p -> !mesh.contains(p)).forEach(p -> score.prune(p, topic));
    mesh.stream().filter(p -> !before.contains(p)).forEach(p -> score.graft(p, topic));
    before.clear();
    before.addAll(mesh);
  }

  /** True on the heartbeats where opportunistic grafting runs. */
  boolean opportunisticGraftDue() {
    return config.enabled() && heartbeats % OPPORTUNISTIC_GRAFT_TICKS == 0;
  }

  /** Decays when an interval has passed, penalises broken promises, tracks graylisted peers. */
  void heartbeat(final Set<PeerId> connected) {
    heartbeats++;
    final Instant now = clock.instant();
    if (!now.isBefore(lastDecay.plus(config.params().decayInterval()))) {
      score.refreshScores();
      lastDecay = now;
    }
    final Map<PeerId, Integer> broken = new HashMap<>();
    promises
        .values()
        .forEach(
            byPeer ->
                byPeer
                    .entrySet()
                    .removeIf(
                        e -> {
                          final boolean expired = !e.getValue().isAfter(now);
                          if (expired) {
                            broken.merge(e.getKey(), 1, Integer::sum);
                          }
                          return expired;
                        }));
    promises.values().removeIf(Map::isEmpty);
    broken.forEach(score::addPenalty);
    graylistedSince.keySet().retainAll(connected);
    for (final PeerId peer : connected) {
      if (graylisted(peer)) {
        graylistedSince.putIfAbsent(peer, now);
      } else {
        graylistedSince.remove(peer);
      }
    }
  }

  /** Connected peers that have stayed below the graylist threshold for the configured time. */
  List<PeerId> peersToDisconnect() {
    final List<PeerId> out = new ArrayList<>();
    config
        .disconnectGraylistedAfter()
        .ifPresent(
            after ->
                graylistedSince.forEach(
                    (peer, since) -> {
                      if (!clock.instant().isBefore(since.plus(after))) {
                        out.add(peer);
                      }
                    }));
    return out;
  }

  /** Connected peers currently graylisted. */
  int graylistedCount() {
    return graylistedSince.size();
  }
}
