package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.host.Connection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A gossipsub v1.1 router: meshes per topic kept between D_low and D_high by the heartbeat, with
 * at least D_out peers we dialled in each (see {@link #setOutbound}),
 * GRAFT/PRUNE with backoff honoured both ways, fanout for topics we publish to but
 * have not joined, flood publishing of our own messages, IHAVE gossip from the message cache and
 * IWANT answered with a retransmission limit, and a seen cache. Messages must be StrictNoSign.
 * With a {@link GossipScoreConfig} it scores peers (v1.1 peer scoring, {@link GossipScoring}): no
 * gossip with peers below the gossip threshold, no publishing to peers below the publish
 * threshold, graylisted peers' RPCs ignored, negative scores pruned from meshes, the best scores
 * kept when a mesh is trimmed, and opportunistic grafting.
 *
 * <p>Every method is synchronized: RPCs arrive on connection threads and the heartbeat on a timer,
 * and the work per call is small. The validator is called under that lock and must only start its
 * work; its verdict may arrive later, on any thread, and then delivery and forwarding happen. The
 * delivery and send callbacks run under the lock, so they must be quick and must not call back into
 * the router. The caller schedules {@link #heartbeat()} every {@link
 * GossipParams#heartbeatInterval()}.
 *
 * <p>Received messages awaiting a verdict are bounded twice: at {@link ValidationBackpressure}'s
 * pause marks the router stops reading from peers (through an {@link InboundReadGate}) until the
 * backlog is down to the resume marks, and at {@link GossipParams#maxPendingValidations()} it drops
 * what still arrives, forgetting its id. A validation that could not run (see {@link
 * GossipValidator}) is forgotten the same way, so a later copy gets in.
 *
 * <p>The router coordinates; the work is in its parts, all guarded by its lock: {@link GossipPeers}
 * (who is connected, subscribed, outbound), {@link TopicMeshes} (our topics, meshes, fanout and
 * backoffs), {@link ControlHandler} (GRAFT/PRUNE/IHAVE/IWANT received), {@link MeshHeartbeat}
 * (mesh and fanout upkeep, gossip), {@link InboundMessages} with its {@link ValidationBacklog}
 * (validation and backpressure), {@link OwnPublishes} (our messages, with {@link
 * ConfirmedPublishes}) and {@link OutgoingRpcs} (what goes out, batched per call).
 */
public final class GossipRouter implements MeshsubTransport.RpcListener {

  private final RpcSender sender;
  private final InstantSource clock;
  private final SeenCache seen;
  private final MessageCache mcache;
  private final GossipScoring scoring;
  /**
   * Topics one peer may be subscribed to; further subscriptions are ignored. An eth2 node has
   * about 200 topics per fork digest, two digests around a fork; without a bound a connected peer
   * could subscribe to new junk topics, 1024 per RPC, for as long as it stays.
   */
  static final int MAX_TOPICS_PER_PEER = 1024;

  private final GossipPeers peers = new GossipPeers();
  private final OutgoingRpcs outgoing;
  private final TopicMeshes meshes;
  private final ControlHandler control;
  private final MeshHeartbeat meshHeartbeat;
  private final ValidationBacklog backlog;
  private final InboundMessages inbound;
  private final OwnPublishes publishes;
  private long malformedRpcs;

  public GossipRouter(
      final GossipParams params,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final BiConsumer<PeerId, GossipRpc> sender,
      final InstantSource clock) {
    this(params, messageId, validator, deliver, sender, clock, GossipScoreConfig.DISABLED);
  }

  /** A router that scores peers as {@code scoreConfig} says (gossipsub v1.1 peer scoring). */
  public GossipRouter(
      final GossipParams params,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final BiConsumer<PeerId, GossipRpc> sender,
      final InstantSource clock,
      final GossipScoreConfig scoreConfig) {
    this(
        params,
        messageId,
        validator,
        deliver,
        (peer, rpc) -> {
          sender.accept(peer, rpc);
          return CompletableFuture.completedFuture(null);
        },
        clock,
        scoreConfig,
        ValidationBackpressure.pauseAt(params.maxPendingValidations(), Long.MAX_VALUE),
        InboundReadGate.NONE);
  }

  /**
   * A router whose sends report when they reached the peer's connection (for {@link
   * #publishConfirmed}) and that pauses reading through {@code readGate} as {@code backpressure}
   * says while received messages await their verdicts.
   */
  public GossipRouter(
      final GossipParams params,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final RpcSender sender,
      final InstantSource clock,
      final GossipScoreConfig scoreConfig,
      final ValidationBackpressure backpressure,
      final InboundReadGate readGate) {
    this.backlog = new ValidationBacklog(params.maxPendingValidations(), backpressure, readGate);
    this.scoring = new GossipScoring(scoreConfig, clock);
    this.sender = sender;
    this.clock = clock;
    this.seen = new SeenCache(params.seenTtl(), params.seenCapacity(), clock);
    this.mcache =
        new MessageCache(params.mcacheLength(), params.mcacheGossip(), params.maxRetransmissions());
    this.outgoing = new OutgoingRpcs(peers::contains, sender);
    this.meshes = new TopicMeshes(params, clock, peers, scoring, outgoing);
    this.control = new ControlHandler(params, peers, meshes, scoring, seen, mcache, outgoing);
    this.meshHeartbeat = new MeshHeartbeat(params, peers, meshes, scoring, mcache, outgoing);
    this.publishes =
        new OwnPublishes(
            this, messageId, sender, peers, scoring, seen, mcache, meshes, outgoing);
    this.inbound =
        new InboundMessages(
            this,
            params,
            messageId,
            validator,
            deliver,
            seen,
            mcache,
            scoring,
            meshes,
            outgoing,
            backlog);
  }

  @Override
  public synchronized void onOutboundStream(final PeerId peer) {
    peers.add(peer);
    scoring.peerScore().addPeer(peer);
    if (!meshes.subscriptions().isEmpty()) {
      final List<Subscription> ours =
          meshes.subscriptions().stream().sorted().map(t -> new Subscription(true, t)).toList();
      sender.send(peer, GossipRpc.of(ours));
    }
  }

  @Override
  public synchronized void onPeerGone(final PeerId peer) {
    peers.remove(peer);
    scoring.removePeer(peer);
    meshes.peerGone(peer);
  }

  public synchronized void subscribe(final String topic) {
    if (!meshes.join(topic)) {
      return;
    }
    peers.connected().forEach(p -> outgoing.subscription(p, new Subscription(true, topic)));
    outgoing.flush();
  }

  public synchronized void unsubscribe(final String topic) {
    if (!meshes.leave(topic)) {
      return;
    }
    peers.connected().forEach(p -> outgoing.subscription(p, new Subscription(false, topic)));
    outgoing.flush();
  }

  /**
   * Publishes a StrictNoSign message to every peer subscribed to the topic; returns how many. A
   * message that reached nobody is neither marked seen nor cached (as in js-libp2p, which fails
   * such a publish before its seen cache): a later publish of the same bytes, once peers are
   * there, must go out rather than be taken for a message the network already carries. The writes
   * are not awaited: one that fails later (a full send buffer, a closed stream) loses the message
   * for that peer; {@link #publishConfirmed} says whether any write succeeded.
   */
  public synchronized int publish(final String topic, final byte[] data) {
    return publishes.publish(topic, data);
  }

  /**
   * Publishes like {@link #publish} and completes, with the number of peers it was sent to, once
   * the message has been handed to the connection of at least one of them (past the muxer's flow
   * control, so a peer that stopped reading holds this back). Completes with 0 when there was no
   * peer or every write failed; the message is then not seen (though it may stay in the message
   * cache for IWANT), so publishing it again sends it again. Publishing bytes whose earlier publish
   * is still in flight returns that publish's future instead of sending them twice.
   */
  public synchronized CompletableFuture<Integer> publishConfirmed(
      final String topic, final byte[] data) {
    return publishes.publishConfirmed(topic, data);
  }

  /** Whether our own publish of these bytes is still waiting for its first successful write. */
  public synchronized Optional<CompletableFuture<Integer>> publishInFlight(
      final String topic, final byte[] data) {
    return publishes.inFlight(topic, data);
  }

  /**
   * A malformed RPC (undecodable protobuf, length beyond the limit) resets only its stream, so a
   * peer could reopen the stream and go on for free: each one is a P7 behaviour penalty, which
   * grows quadratically and graylists (then disconnects) a peer that keeps doing it.
   */
  @Override
  public synchronized void onMalformedRpc(final PeerId from, final DecodeException problem) {
    malformedRpcs++;
    scoring.peerScore().addPenalty(from, 1);
  }

  /** Where received messages' outcomes, publishes and forwards are reported (metrics). */
  public synchronized void setEvents(final GossipEvents observer) {
    inbound.setEvents(observer);
    publishes.setEvents(observer);
  }

  /** Messages of {@code from} dropped by its rate limit ({@link PeerRateLimiter}): P7, each. */
  public synchronized void onRateLimited(final PeerId from, final int dropped) {
    scoring.peerScore().addPenalty(from, dropped);
  }

  /** Malformed RPCs received (each penalised, see {@link #onMalformedRpc}). */
  public synchronized long malformedRpcs() {
    return malformedRpcs;
  }

  @Override
  public synchronized void onRpc(final PeerId from, final GossipRpc rpc) {
    if (scoring.graylisted(from)) {
      return; // v1.1: every RPC of a graylisted peer is ignored
    }
    for (final Subscription s : rpc.subscriptions()) {
      peers.announced(from, s);
      if (!s.subscribe()) {
        meshes.peerLeft(s.topic(), from);
      }
    }
    rpc.messages().forEach(m -> inbound.onMessage(from, m));
    control.handle(from, rpc.control());
    outgoing.flush();
  }

  /** Maintains meshes and fanout, emits gossip and shifts the message cache. */
  public synchronized void heartbeat() {
    final Instant now = clock.instant();
    scoring.heartbeat(peers.connected());
    control.newHeartbeat();
    meshes.expireBackoffs(now);
    meshHeartbeat.run(now);
    mcache.shift();
    outgoing.flush();
  }

  /** Whether a message with this id was seen (published or received) within the seen TTL. */
  public synchronized boolean hasSeen(final MessageId id) {
    return seen.contains(id);
  }

  /** Received messages awaiting a verdict. */
  public synchronized int pendingValidations() {
    return backlog.messages();
  }

  /** Whether reading from peers is paused because too many messages await a verdict. */
  public synchronized boolean readingPaused() {
    return backlog.readingPaused();
  }

  /** How many times reading from peers was paused since the router started. */
  public synchronized long readPauses() {
    return backlog.readPauses();
  }

  /** Connected peers that announced a subscription to {@code topic}. */
  /** (peer, topic) backoff entries held, ended or not (for tests of its bounds). */
  synchronized int backoffEntryCount() {
    return meshes.backoffEntryCount();
  }

  public synchronized int topicPeerCount(final String topic) {
    return (int) peers.subscribedTo(topic).count();
  }

  public synchronized Set<PeerId> meshPeers(final String topic) {
    return Set.copyOf(meshes.mesh(topic));
  }

  /**
   * Whether we hold a connection to {@code peer} that we dialled; the caller keeps this current as
   * connections open and close. Meshes keep at least D_out such peers.
   */
  public synchronized void setOutbound(final PeerId peer, final boolean dialledByUs) {
    peers.setOutbound(peer, dialledByUs);
  }

  /** Whether {@code peer} counts as outbound (we dialled a connection to it) for D_out. */
  public synchronized boolean isOutbound(final PeerId peer) {
    return peers.isOutbound(peer);
  }

  /** The IP address a peer connects from, for the score's P6 (IP colocation). */
  public synchronized void setPeerIp(final PeerId peer, final String ip) {
    scoring.peerScore().setIp(peer, ip);
  }

  /** A connection closed: a peer that never opened a gossip stream is forgotten by scoring. */
  public synchronized void onConnectionClosed(final Connection connection) {
    if (!peers.contains(connection.remotePeerId())) {
      scoring.peerScore().removePeer(connection.remotePeerId());
    }
  }

  /** Scores of the connected peers (0 for all when scoring is disabled). */
  public synchronized Map<PeerId, Double> peerScores() {
    final Map<PeerId, Double> scores = new HashMap<>();
    peers.connected().forEach(p -> scores.put(p, scoring.score(p)));
    return scores;
  }

  /** Connected peers below the graylist threshold at the last heartbeat. */
  public synchronized int graylistedPeerCount() {
    return scoring.graylistedCount();
  }

  /** Peers to disconnect: graylisted for longer than the configured time (see heartbeat). */
  public synchronized List<PeerId> peersToDisconnect() {
    return scoring.peersToDisconnect();
  }

  /** Sends one RPC to a peer; the stage completes when it was handed to the connection. */
  @FunctionalInterface
  public interface RpcSender {
    CompletionStage<Void> send(PeerId peer, GossipRpc rpc);
  }
}
