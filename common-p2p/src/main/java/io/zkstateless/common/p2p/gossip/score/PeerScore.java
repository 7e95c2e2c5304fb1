package io.zkstateless.common.p2p.gossip.score;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.gossip.score.DeliveryRecords.Record;
import io.zkstateless.common.p2p.gossip.score.DeliveryRecords.Status;
import io.zkstateless.common.p2p.gossip.score.PeerStats.TopicStats;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * gossipsub v1.1 peer scoring: the router reports mesh changes, message deliveries and
 * misbehaviour, and asks for a peer's score. The score is computed on demand from counters that
 * decay every {@link PeerScoreParams#decayInterval()} ({@link #refreshScores()}):
 *
 * <pre>
 * score = min(cap, sum over topics of topicWeight * (P1 w1 + P2 w2 + P3 w3 + P3b w3b + P4 w4))
 *       + P5 w5 + P6 w6 + P7 w7
 * </pre>
 *
 * <p>Not thread-safe: the router calls it under its own lock.
 */
public final class PeerScore {

  /**
   * At most this many disconnected peers keep their record (8 times the host's default connection
   * limit). {@link PeerScoreParams#retainScore()} bounds retention in time only (eth2: 100 epochs,
   * 10.7 h), so a Sybil taking a fresh identity every second would leave ~38,000 records behind;
   * beyond the cap the record retained longest ago goes first. Washing one record this way costs
   * the attacker this many fresh identities, each of which starts at 0 anyway.
   */
  public static final int MAX_RETAINED_PEERS = 1024;

  private final PeerScoreParams params;
  private final ToDoubleFunction<PeerId> appSpecificScore;
  private final InstantSource clock;
  private final Map<PeerId, PeerStats> peers = new HashMap<>();
  private final Map<String, Set<PeerId>> peersByIp = new HashMap<>();
  /** Disconnected peers whose record is kept, in the order they left (so, of expiry). */
  private final LinkedHashSet<PeerId> retained = new LinkedHashSet<>();
  private final DeliveryRecords deliveries = new DeliveryRecords();

  /** {@code appSpecificScore} is P5, the application's own opinion of a peer (may be 0). */
  public PeerScore(
      final PeerScoreParams params,
      final ToDoubleFunction<PeerId> appSpecificScore,
      final InstantSource clock) {
    this.params = params;
    this.appSpecificScore = appSpecificScore;
    this.clock = clock;
  }

  public PeerScoreParams params() {
    return params;
  }

  /** The peer connected; counters retained from an earlier connection count again. */
  public void addPeer(final PeerId peer) {
    final PeerStats stats = peers.computeIfAbsent(peer, p -> new PeerStats());
    stats.connected = true;
    stats.expire = Instant.MAX;
    retained.remove(peer);
  }

  /** The peer's IP address, for P6. */
  public void setIp(final PeerId peer, final String ip) {
    final PeerStats stats = peers.computeIfAbsent(peer, p -> new PeerStats());
    stats.ip.ifPresent(old -> forgetIp(peer, old));
    stats.ip = Optional.of(ip);
    peersByIp.computeIfAbsent(ip, i -> new HashSet<>()).add(peer);
  }

  /**
   * The peer disconnected: it leaves every mesh (with the P3b penalty that may bring), and a peer
   * with a record and a score of 0 or below is remembered for {@link PeerScoreParams#retainScore()} so that
   * reconnecting does not wipe its record.
   */
  public void removePeer(final PeerId peer) {
    final PeerStats stats = peers.get(peer);
    if (stats == null) {
      return;
    }
    stats.ip.ifPresent(ip -> forgetIp(peer, ip));
    stats.ip = Optional.empty();
    final boolean nothingToRemember = stats.topics.isEmpty() && stats.behaviourPenalty == 0;
    if (nothingToRemember || score(peer) > 0) {
      peers.remove(peer);
      retained.remove(peer);
      return;
    }
    stats.topics.keySet().forEach(topic -> prune(peer, topic));
    stats.connected = false;
    stats.expire = clock.instant().plus(params.retainScore());
    retained.add(peer);
    if (retained.size() > MAX_RETAINED_PEERS) {
      final Iterator<PeerId> oldest = retained.iterator();
      peers.remove(oldest.next());
      oldest.remove();
    }
  }

  public void graft(final PeerId peer, final String topic) {
    final PeerStats stats = peers.get(peer);
    if (stats == null || params.topic(topic).isEmpty()) {
      return;
    }
    final TopicStats t = stats.topic(topic);
    if (!t.inMesh) {
      t.inMesh = true;
      t.graftTime = clock.instant();
      t.meshMessageDeliveries = 0;
    }
  }

  /** The peer left our mesh: a delivery deficit at that moment becomes a lasting P3b penalty. */
  public void prune(final PeerId peer, final String topic) {
    final PeerStats stats = peers.get(peer);
    final TopicStats t = stats == null ? null : stats.topics.get(topic);
    if (t == null || !t.inMesh) {
      return;
    }
    params
        .topic(topic)
        .ifPresent(p -> t.meshFailurePenalty += t.meshDeliveryDeficitSquared(clock.instant(), p));
    t.inMesh = false;
  }

  /** A message was seen for the first time and is being validated. */
  public void validateMessage(final MessageId id) {
    deliveries.get(id, clock.instant());
  }

  /** The first copy, from {@code from}, was accepted: P2 for it, P3 for mesh peers' copies. */
  public void deliverMessage(final PeerId from, final MessageId id, final String topic) {
    final Instant now = clock.instant();
    final Record record = deliveries.get(id, now);
    if (record.status != Status.PENDING) {
      return;
    }
    record.status = Status.VALID;
    record.validated = now;
    markFirstDelivery(from, topic);
    for (final PeerId p : record.peers) {
      if (!p.equals(from)) {
        markDuplicateDelivery(p, topic, record);
      }
    }
  }

  /** The message was rejected: P4 for the sender and for every peer that sent a copy. */
  public void rejectMessage(final PeerId from, final MessageId id, final String topic) {
    final Record record = deliveries.get(id, clock.instant());
    if (record.status != Status.PENDING) {
      return;
    }
    record.status = Status.INVALID;
    markInvalidDelivery(from, topic);
    record.peers.forEach(p -> markInvalidDelivery(p, topic));
    record.peers.clear();
  }

  /** The message was ignored: neither credit nor penalty for anyone who sent it. */
  public void ignoreMessage(final MessageId id) {
    final Record record = deliveries.get(id, clock.instant());
    if (record.status == Status.PENDING) {
      record.status = Status.IGNORED;
      record.peers.clear();
    }
  }

  /**
   * The message could not be validated (no verdict): its record goes, so the next copy is scored as
   * a first delivery, and the copies that arrived meanwhile earn neither credit nor penalty.
   */
  public void forgetMessage(final MessageId id) {
    deliveries.remove(id);
  }

  /** Another copy of a message already seen arrived from {@code from}. */
  public void duplicateMessage(final PeerId from, final MessageId id, final String topic) {
    final Record record = deliveries.get(id, clock.instant());
    if (record.peers.contains(from)) {
      return;
    }
    switch (record.status) {
      case PENDING -> record.peers.add(from);
      case VALID -> {
        record.peers.add(from);
        markDuplicateDelivery(from, topic, record);
      }
      case INVALID -> markInvalidDelivery(from, topic);
      case IGNORED -> {}
    }
  }

  /** A message that is invalid before validation (e.g. it breaks StrictNoSign): P4. */
  public void invalidMessage(final PeerId from, final String topic) {
    markInvalidDelivery(from, topic);
  }

  /** P7: misbehaviour such as a GRAFT during backoff or an IWANT promise broken. */
  public void addPenalty(final PeerId peer, final int count) {
    final PeerStats stats = peers.get(peer);
    if (stats != null) {
      stats.behaviourPenalty += count;
    }
  }

  /** The peer's score now; 0 for a peer never seen. */
  public double score(final PeerId peer) {
    final PeerStats stats = peers.get(peer);
    if (stats == null) {
      return 0;
    }
    return ScoreFormula.score(params, stats, clock.instant())
        + params.appSpecificWeight() * appSpecificScore.applyAsDouble(peer)
        + params.ipColocationFactorWeight() * ipColocationFactor(stats);
  }

  /** Scores of every peer currently connected. */
  public Map<PeerId, Double> connectedScores() {
    final Map<PeerId, Double> scores = new HashMap<>();
    peers.forEach(
        (peer, stats) -> {
          if (stats.connected) {
            scores.put(peer, score(peer));
          }
        });
    return scores;
  }

  /**
   * Decays every counter of connected peers, zeroing those below {@code decayToZero}, forgets
   * disconnected peers whose retention ended and old delivery records. Call every decay interval.
   */
  public void refreshScores() {
    final Instant now = clock.instant();
    peers.values().removeIf(s -> !s.connected && !s.expire.isAfter(now));
    retained.removeIf(p -> !peers.containsKey(p));
    for (final PeerStats stats : peers.values()) {
      if (!stats.connected) {
        continue; // go-libp2p keeps a disconnected peer's score as it was until it expires
      }
      stats.topics.forEach(
          (topic, t) ->
              params
                  .topic(topic)
                  .ifPresent(
                      p -> {
                        t.firstMessageDeliveries =
                            decay(t.firstMessageDeliveries, p.firstMessageDeliveriesDecay());
                        t.meshMessageDeliveries =
                            decay(t.meshMessageDeliveries, p.meshMessageDeliveriesDecay());
                        t.meshFailurePenalty =
                            decay(t.meshFailurePenalty, p.meshFailurePenaltyDecay());
                        t.invalidMessageDeliveries =
                            decay(t.invalidMessageDeliveries, p.invalidMessageDeliveriesDecay());
                      }));
      stats.behaviourPenalty = decay(stats.behaviourPenalty, params.behaviourPenaltyDecay());
    }
    deliveries.expire(now);
  }

  /** Peers known, connected or retained (for tests and metrics). */
  public int knownPeerCount() {
    return peers.size();
  }

  /** Disconnected peers whose record is retained, at most {@link #MAX_RETAINED_PEERS}. */
  public int retainedPeerCount() {
    return retained.size();
  }

  private double decay(final double value, final double factor) {
    final double decayed = value * factor;
    return decayed < params.decayToZero() ? 0 : decayed;
  }

  private void markFirstDelivery(final PeerId peer, final String topic) {
    withTopic(
        peer,
        topic,
        (t, p) -> {
          t.firstMessageDeliveries =
              Math.min(t.firstMessageDeliveries + 1, p.firstMessageDeliveriesCap());
          if (t.inMesh) {
            t.meshMessageDeliveries =
                Math.min(t.meshMessageDeliveries + 1, p.meshMessageDeliveriesCap());
          }
        });
  }

  /** A mesh peer's copy counts towards P3 only if it came within the window after validation. */
  private void markDuplicateDelivery(final PeerId peer, final String topic, final Record record) {
    final Instant now = clock.instant();
    withTopic(
        peer,
        topic,
        (t, p) -> {
          final boolean late =
              record.status == Status.VALID
                  && now.isAfter(record.validated.plus(p.meshMessageDeliveriesWindow()));
          if (t.inMesh && !late) {
            t.meshMessageDeliveries =
                Math.min(t.meshMessageDeliveries + 1, p.meshMessageDeliveriesCap());
          }
        });
  }

  private void markInvalidDelivery(final PeerId peer, final String topic) {
    withTopic(peer, topic, (t, p) -> t.invalidMessageDeliveries += 1);
  }

  private void withTopic(
      final PeerId peer,
      final String topic,
      final BiConsumer<TopicStats, TopicScoreParams> update) {
    final PeerStats stats = peers.get(peer);
    if (stats != null) {
      params.topic(topic).ifPresent(p -> update.accept(stats.topic(topic), p));
    }
  }

  /** P6: the number of peers sharing this peer's IP beyond the threshold, squared. */
  private double ipColocationFactor(final PeerStats stats) {
    if (stats.ip.isEmpty()) {
      return 0;
    }
    final int sharing = peersByIp.getOrDefault(stats.ip.get(), Set.of()).size();
    final int surplus = sharing - params.ipColocationFactorThreshold();
    return surplus > 0 ? (double) surplus * surplus : 0;
  }

  private void forgetIp(final PeerId peer, final String ip) {
    final Set<PeerId> sharing = peersByIp.get(ip);
    if (sharing != null && sharing.remove(peer) && sharing.isEmpty()) {
      peersByIp.remove(ip);
    }
  }
}
