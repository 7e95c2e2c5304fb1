package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A peer's control messages: GRAFTs taken into the mesh or answered with PRUNE, PRUNEs honoured
 * with their backoff, IHAVEs answered with IWANT for ids we have not seen (each id asked once per
 * heartbeat, at most {@link #MAX_IWANT_PER_PEER_PER_HEARTBEAT} per peer), and IWANTs answered from
 * the message cache within its retransmission limit. Peers below the gossip threshold get no
 * IWANT and no answers. Guarded by the router's lock.
 */
final class ControlHandler {

  /** go-libp2p's max_ihave_length: message ids we ask one peer for per heartbeat. */
  static final int MAX_IWANT_PER_PEER_PER_HEARTBEAT = 5000;

  private static final Random RANDOM = new Random();

  private final GossipParams params;
  private final GossipPeers peers;
  private final TopicMeshes meshes;
  private final GossipScoring scoring;
  private final SeenCache seen;
  private final MessageCache mcache;
  private final OutgoingRpcs outgoing;

  /** Ids asked for with IWANT since the last heartbeat, so each is asked for once. */
  private final Set<MessageId> requested = new HashSet<>();

  /** IWANT ids asked per peer since the last heartbeat (v1.1's max_ihave_length). */
  private final Map<PeerId, Integer> askedPerPeer = new HashMap<>();

  ControlHandler(
      final GossipParams params,
      final GossipPeers peers,
      final TopicMeshes meshes,
      final GossipScoring scoring,
      final SeenCache seen,
      final MessageCache mcache,
      final OutgoingRpcs outgoing) {
    this.params = params;
    this.peers = peers;
    this.meshes = meshes;
    this.scoring = scoring;
    this.seen = seen;
    this.mcache = mcache;
    this.outgoing = outgoing;
  }

  void handle(final PeerId from, final Control control) {
    control.graft().forEach(graft -> onGraft(from, graft));
    for (final Prune prune : control.prune()) {
      if (!meshes.subscriptions().contains(prune.topic())) {
        continue; // as go-libp2p: a backoff for a topic we never graft would only take memory
      }
      meshes.removeFromMesh(prune.topic(), from);
      final long seconds =
          prune
              .backoffSeconds()
              .filter(s -> s > 0 && s < 86_400)
              .orElse(params.pruneBackoff().toSeconds());
      meshes.prunedBy(prune.topic(), from, seconds);
    }
    if (!scoring.acceptsGossip(from)) {
      return;
    }
    onIHaves(from, control.ihave());
    for (final IWant iwant : control.iwant()) {
      for (final byte[] id : iwant.messageIds()) {
        mcache.getForPeer(MessageId.of(id), from).ifPresent(m -> outgoing.message(from, m));
      }
    }
  }

  /** A new heartbeat: every id may be asked for again, and every peer asked again. */
  void newHeartbeat() {
    requested.clear();
    askedPerPeer.clear();
  }

  private void onGraft(final PeerId from, final Graft graft) {
    final String topic = graft.topic();
    if (meshes.inBackoff(topic, from)) {
      scoring.peerScore().addPenalty(from, 1); // v1.1: a GRAFT during backoff is misbehaviour
    }
    if (!meshes.subscribed(topic)
        || meshes.inBackoff(topic, from)
        || scoring.score(from) < 0
        || meshFullForInbound(topic, from)) {
      meshes.prune(topic, from);
    } else {
      meshes.addToMesh(topic, from);
    }
  }

  /**
   * v1.1: a mesh at D_high takes further GRAFTs only from outbound peers, so that peers dialling in
   * cannot crowd out the ones we chose (the heartbeat then trims the mesh with D_out kept).
   */
  private boolean meshFullForInbound(final String topic, final PeerId from) {
    final Set<PeerId> peersInMesh = meshes.mesh(topic);
    return !peersInMesh.contains(from)
        && peersInMesh.size() >= params.dHigh()
        && !peers.isOutbound(from);
  }

  private void onIHaves(final PeerId from, final List<IHave> ihaves) {
    final List<byte[]> wanted = new ArrayList<>();
    for (final IHave ihave : ihaves) {
      if (!meshes.subscribed(ihave.topic())) {
        continue;
      }
      for (final byte[] raw : ihave.messageIds()) {
        final MessageId id = MessageId.of(raw);
        if (askedPerPeer.getOrDefault(from, 0) >= MAX_IWANT_PER_PEER_PER_HEARTBEAT) {
          break;
        }
        if (!seen.contains(id) && requested.add(id)) {
          askedPerPeer.merge(from, 1, Integer::sum);
          wanted.add(raw);
        }
      }
    }
    if (!wanted.isEmpty()) {
      outgoing.iwant(from, new IWant(wanted));
      // As go-libp2p: one random id of the request stands for the promise.
      scoring.promise(from, MessageId.of(wanted.get(RANDOM.nextInt(wanted.size()))));
    }
  }
}
