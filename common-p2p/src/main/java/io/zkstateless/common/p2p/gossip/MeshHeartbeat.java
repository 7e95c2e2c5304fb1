package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The heartbeat's upkeep of meshes and fanout, and its gossip: each mesh loses peers that left the
 * topic or score below 0, is topped up to D below D_low or trimmed to D above D_high (the D_score
 * best kept, then D_out outbound peers), grafts outbound peers it lacks and, when due,
 * opportunistically grafts; then IHAVE gossip of the message cache goes to D_lazy peers outside
 * each mesh and fanout. Guarded by the router's lock.
 */
final class MeshHeartbeat {

  private final GossipParams params;
  private final GossipPeers peers;
  private final TopicMeshes meshes;
  private final GossipScoring scoring;
  private final MessageCache mcache;
  private final OutgoingRpcs outgoing;

  MeshHeartbeat(
      final GossipParams params,
      final GossipPeers peers,
      final TopicMeshes meshes,
      final GossipScoring scoring,
      final MessageCache mcache,
      final OutgoingRpcs outgoing) {
    this.params = params;
    this.peers = peers;
    this.meshes = meshes;
    this.scoring = scoring;
    this.mcache = mcache;
    this.outgoing = outgoing;
  }

  /** Maintains every mesh, then the fanout, emitting gossip for each. */
  void run(final Instant now) {
    for (final String topic : meshes.subscriptions()) {
      final Set<PeerId> peersInMesh = maintainMesh(topic);
      scoring.syncMesh(topic, peersInMesh);
      emitGossip(topic, peersInMesh);
    }
    for (final Map.Entry<String, Set<PeerId>> f : meshes.maintainFanout(now).entrySet()) {
      emitGossip(f.getKey(), f.getValue());
    }
  }

  private Set<PeerId> maintainMesh(final String topic) {
    final Set<PeerId> peersInMesh = meshes.meshToMaintain(topic);
    peersInMesh.removeIf(p -> !peers.subscribed(p, topic));
    pruneNegativeScores(topic, peersInMesh);
    if (peersInMesh.size() < params.dLow()) {
      final Set<PeerId> before = Set.copyOf(peersInMesh);
      meshes.topUp(topic, peersInMesh, params.d());
      peersInMesh.stream()
          .filter(p -> !before.contains(p))
          .forEach(p -> outgoing.graft(p, topic));
    } else if (peersInMesh.size() > params.dHigh()) {
      final List<PeerId> shuffled = new ArrayList<>(peersInMesh);
      Collections.shuffle(shuffled);
      bestScoresFirst(shuffled);
      final Set<PeerId> kept =
          Set.copyOf(
              OutboundQuota.select(shuffled, params.d(), params.dOut(), peers::isOutbound));
      for (final PeerId p : shuffled) {
        if (!kept.contains(p)) {
          peersInMesh.remove(p);
          meshes.prune(topic, p);
        }
      }
    }
    if (peersInMesh.size() >= params.dLow()) {
      graftOutbound(topic, peersInMesh);
    }
    if (scoring.opportunisticGraftDue()) {
      opportunisticGraft(topic, peersInMesh);
    }
    return peersInMesh;
  }

  /** v1.1: mesh peers with a negative score are pruned at every heartbeat. */
  private void pruneNegativeScores(final String topic, final Set<PeerId> peersInMesh) {
    for (final PeerId p : List.copyOf(peersInMesh)) {
      if (scoring.score(p) < 0) {
        peersInMesh.remove(p);
        meshes.prune(topic, p);
      }
    }
  }

  /** Over D_high, the D_score best-scoring peers are kept; the rest stay in shuffled order. */
  private void bestScoresFirst(final List<PeerId> shuffled) {
    final List<PeerId> best =
        shuffled.stream()
            .sorted(Comparator.comparingDouble((PeerId p) -> scoring.score(p)).reversed())
            .limit(Math.min(scoring.dScore(), params.d()))
            .toList();
    shuffled.removeAll(best);
    shuffled.addAll(0, best);
  }

  /** v1.1: a mesh with at least D_low peers but fewer than D_out outbound ones grafts more. */
  private void graftOutbound(final String topic, final Set<PeerId> peersInMesh) {
    final int missing = OutboundQuota.missing(peersInMesh, params.dOut(), peers::isOutbound);
    if (missing == 0) {
      return;
    }
    final List<PeerId> candidates = new ArrayList<>();
    peers
        .subscribedTo(topic)
        .filter(p -> peers.isOutbound(p) && !peersInMesh.contains(p))
        .filter(p -> !meshes.inBackoff(topic, p) && scoring.score(p) >= 0)
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    graft(topic, peersInMesh, candidates.subList(0, Math.min(missing, candidates.size())));
  }

  /**
   * v1.1 opportunistic grafting: when the median mesh score is below the threshold, graft up to two
   * peers that score above the median, to escape a mesh taken over by poor peers.
   */
  private void opportunisticGraft(final String topic, final Set<PeerId> peersInMesh) {
    if (peersInMesh.size() <= 1) {
      return;
    }
    final List<Double> scores = peersInMesh.stream().map(scoring::score).sorted().toList();
    final double median = scores.get(scores.size() / 2);
    if (median >= scoring.thresholds().opportunisticGraftThreshold()) {
      return;
    }
    final List<PeerId> candidates = new ArrayList<>();
    peers
        .subscribedTo(topic)
        .filter(p -> !peersInMesh.contains(p) && !meshes.inBackoff(topic, p))
        .filter(p -> scoring.score(p) > median)
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    final int count = Math.min(GossipScoring.OPPORTUNISTIC_GRAFT_PEERS, candidates.size());
    graft(topic, peersInMesh, candidates.subList(0, count));
  }

  private void graft(final String topic, final Set<PeerId> peersInMesh, final List<PeerId> add) {
    for (final PeerId p : add) {
      peersInMesh.add(p);
      outgoing.graft(p, topic);
    }
  }

  /** IHAVE of the message cache's recent ids to D_lazy random peers, outside {@code excluded}. */
  private void emitGossip(final String topic, final Set<PeerId> excluded) {
    final List<MessageId> ids = mcache.gossipIds(topic);
    if (ids.isEmpty()) {
      return;
    }
    final List<PeerId> candidates = new ArrayList<>();
    peers
        .subscribedTo(topic)
        .filter(p -> !excluded.contains(p) && scoring.acceptsGossip(p))
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    final List<byte[]> raw = ids.stream().map(MessageId::toBytes).toList();
    candidates.stream().limit(params.dLazy()).forEach(p -> outgoing.ihave(p, new IHave(topic, raw)));
  }
}
