package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.host.Connection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
 */
public final class GossipRouter implements MeshsubTransport.RpcListener {

  /** go-libp2p's max_ihave_length: message ids we ask one peer for per heartbeat. */
  static final int MAX_IWANT_PER_PEER_PER_HEARTBEAT = 5000;

  private final GossipParams params;
  private final Function<GossipMessage, MessageId> messageId;
  private final GossipValidator validator;
  private final BiConsumer<MessageId, GossipMessage> deliver;
  private final RpcSender sender;
  private final InstantSource clock;
  private long malformedRpcs;
  private GossipEvents events = GossipEvents.NONE;
  private final SeenCache seen;
  private final MessageCache mcache;
  private final Set<String> subscriptions = new HashSet<>();
  private final Set<PeerId> peers = new LinkedHashSet<>();
  private final Map<PeerId, Set<String>> peerTopics = new HashMap<>();
  private final Map<String, Set<PeerId>> mesh = new HashMap<>();
  private final Map<String, Set<PeerId>> fanout = new HashMap<>();
  private final Map<String, Instant> fanoutPublished = new HashMap<>();
  private final Map<String, Map<PeerId, Instant>> backoff = new HashMap<>();
  private final Map<PeerId, OutgoingRpc> outgoing = new HashMap<>();

  /** Peers we hold a connection to that we dialled: gossipsub v1.1's outbound peers (D_out). */
  private final Set<PeerId> outbound = new HashSet<>();
  private final GossipScoring scoring;
  private final ValidationBackpressure backpressure;
  private final InboundReadGate readGate;
  private int pendingValidations;
  private long pendingValidationBytes;
  private boolean readingPaused;
  private long readPauses;

  /** Our own publishes whose writes have not yet reached any peer's connection (or all failed). */
  private final Map<MessageId, CompletableFuture<Integer>> publishesInFlight = new HashMap<>();

  private static final Random RANDOM = new Random();

  /** Ids asked for with IWANT since the last heartbeat, so each is asked for once. */
  private final Set<MessageId> requested = new HashSet<>();

  /** IWANT ids asked per peer since the last heartbeat (v1.1's max_ihave_length). */
  private final Map<PeerId, Integer> askedPerPeer = new HashMap<>();

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
    if (backpressure.pauseAtMessages() > params.maxPendingValidations()) {
      throw new IllegalArgumentException(
          "reading must pause at or below maxPendingValidations ("
              + params.maxPendingValidations()
              + "), not at "
              + backpressure.pauseAtMessages());
    }
    this.scoring = new GossipScoring(scoreConfig, clock);
    this.params = params;
    this.messageId = messageId;
    this.validator = validator;
    this.deliver = deliver;
    this.sender = sender;
    this.clock = clock;
    this.backpressure = backpressure;
    this.readGate = readGate;
    this.seen = new SeenCache(params.seenTtl(), params.seenCapacity(), clock);
    this.mcache =
        new MessageCache(params.mcacheLength(), params.mcacheGossip(), params.maxRetransmissions());
  }

  @Override
  public synchronized void onOutboundStream(final PeerId peer) {
    peers.add(peer);
    scoring.peerScore().addPeer(peer);
    if (!subscriptions.isEmpty()) {
      final List<Subscription> ours =
          subscriptions.stream().sorted().map(t -> new Subscription(true, t)).toList();
      sender.send(peer, GossipRpc.of(ours));
    }
  }

  @Override
  public synchronized void onPeerGone(final PeerId peer) {
    peers.remove(peer);
    scoring.removePeer(peer);
    peerTopics.remove(peer);
    mesh.values().forEach(m -> m.remove(peer));
    fanout.values().forEach(f -> f.remove(peer));
  }

  public synchronized void subscribe(final String topic) {
    if (!subscriptions.add(topic)) {
      return;
    }
    peers.forEach(p -> out(p).subscriptions.add(new Subscription(true, topic)));
    // Join: start from the fanout peers, then any subscribed peers out of backoff.
    final Set<PeerId> joined = new LinkedHashSet<>(fanout.getOrDefault(topic, Set.of()));
    fanout.remove(topic);
    fanoutPublished.remove(topic);
    joined.removeIf(p -> inBackoff(topic, p));
    topUp(topic, joined, params.d());
    mesh.put(topic, joined);
    scoring.syncMesh(topic, joined);
    joined.forEach(p -> out(p).graft.add(new Graft(topic)));
    flush();
  }

  public synchronized void unsubscribe(final String topic) {
    if (!subscriptions.remove(topic)) {
      return;
    }
    peers.forEach(p -> out(p).subscriptions.add(new Subscription(false, topic)));
    for (final PeerId p : mesh.getOrDefault(topic, Set.of())) {
      prune(topic, p);
    }
    mesh.remove(topic);
    scoring.syncMesh(topic, Set.of());
    flush();
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
    final GossipMessage message = GossipMessage.unsigned(topic, data);
    final Set<PeerId> recipients = prepareOwnMessage(messageId.apply(message), message);
    recipients.forEach(p -> out(p).messages.add(message));
    flush();
    return recipients.size();
  }

  /**
   * Publishes like {@link #publish} and completes, with the number of peers it was sent to, once
   * the message has been handed to the connection of at least one of them (past the muxer's flow
   * control, so a peer that stopped reading holds this back). Completes with 0 when there was no
   * peer or every write failed; the message is then not seen (though it may stay in the message
   * cache for IWANT), so publishing it again sends it again. Publishing bytes whose earlier publish is still in flight returns that
   * publish's future instead of sending them twice.
   */
  public synchronized CompletableFuture<Integer> publishConfirmed(
      final String topic, final byte[] data) {
    final GossipMessage message = GossipMessage.unsigned(topic, data);
    final MessageId id = messageId.apply(message);
    final CompletableFuture<Integer> inFlight = publishesInFlight.get(id);
    if (inFlight != null) {
      return inFlight.copy();
    }
    final Set<PeerId> recipients = prepareOwnMessage(id, message);
    if (recipients.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    flush(); // anything queued for these peers goes first, as with publish()
    final CompletableFuture<Integer> confirmed = new CompletableFuture<>();
    publishesInFlight.put(id, confirmed);
    final GossipRpc rpc = new GossipRpc(List.of(), List.of(message), Control.EMPTY);
    final int[] failures = {0};
    for (final PeerId peer : recipients) {
      sender
          .send(peer, rpc)
          .whenComplete(
              (ignored, error) ->
                  onOwnWrite(id, confirmed, recipients.size(), error == null, failures));
    }
    return confirmed.copy();
  }

  /** Whether our own publish of these bytes is still waiting for its first successful write. */
  public synchronized Optional<CompletableFuture<Integer>> publishInFlight(
      final String topic, final byte[] data) {
    final MessageId id = messageId.apply(GossipMessage.unsigned(topic, data));
    return Optional.ofNullable(publishesInFlight.get(id)).map(CompletableFuture::copy);
  }

  private synchronized void onOwnWrite(
      final MessageId id,
      final CompletableFuture<Integer> confirmed,
      final int recipients,
      final boolean written,
      final int[] failures) {
    if (confirmed.isDone()) {
      return;
    }
    if (written) {
      publishesInFlight.remove(id, confirmed);
      confirmed.complete(recipients);
    } else if (++failures[0] == recipients) {
      // Reached nobody after all: a retry must go out, not be taken for a duplicate.
      publishesInFlight.remove(id, confirmed);
      seen.remove(id);
      confirmed.complete(0);
    }
  }

  /** Marks our message seen and cached and returns its recipients; nothing if there are none. */
  private Set<PeerId> prepareOwnMessage(final MessageId id, final GossipMessage message) {
    final String topic = message.topic();
    final Set<PeerId> recipients = new LinkedHashSet<>();
    peers.stream()
        .filter(p -> subscribed(p, topic) && scoring.publishable(p))
        .forEach(recipients::add);
    if (recipients.isEmpty()) {
      // Not marked seen: a retry of the same bytes once peers exist must go out, not be a duplicate.
      return recipients;
    }
    seen.add(id);
    mcache.put(id, message);
    events.published(topic);
    if (!subscriptions.contains(topic)) {
      final Set<PeerId> fan = fanout.computeIfAbsent(topic, t -> new LinkedHashSet<>());
      topUp(topic, fan, params.d());
      fanoutPublished.put(topic, clock.instant());
    }
    return recipients;
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
    this.events = observer;
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
      final Set<String> topics = peerTopics.computeIfAbsent(from, p -> new HashSet<>());
      if (s.subscribe()) {
        topics.add(s.topic());
      } else {
        topics.remove(s.topic());
        Optional.ofNullable(mesh.get(s.topic())).ifPresent(m -> m.remove(from));
        Optional.ofNullable(fanout.get(s.topic())).ifPresent(f -> f.remove(from));
      }
    }
    rpc.messages().forEach(m -> onMessage(from, m));
    onControl(from, rpc.control());
    flush();
  }

  /** Maintains meshes and fanout, emits gossip and shifts the message cache. */
  public synchronized void heartbeat() {
    final Instant now = clock.instant();
    scoring.heartbeat(peers);
    requested.clear();
    askedPerPeer.clear();
    backoff.values().forEach(b -> b.values().removeIf(until -> !until.isAfter(now)));
    for (final String topic : subscriptions) {
      final Set<PeerId> peersInMesh = mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>());
      peersInMesh.removeIf(p -> !subscribed(p, topic));
      pruneNegativeScores(topic, peersInMesh);
      if (peersInMesh.size() < params.dLow()) {
        final Set<PeerId> before = Set.copyOf(peersInMesh);
        topUp(topic, peersInMesh, params.d());
        peersInMesh.stream()
            .filter(p -> !before.contains(p))
            .forEach(p -> out(p).graft.add(new Graft(topic)));
      } else if (peersInMesh.size() > params.dHigh()) {
        final List<PeerId> shuffled = new ArrayList<>(peersInMesh);
        Collections.shuffle(shuffled);
        bestScoresFirst(shuffled);
        final Set<PeerId> kept =
            Set.copyOf(OutboundQuota.select(shuffled, params.d(), params.dOut(), outbound::contains));
        for (final PeerId p : shuffled) {
          if (!kept.contains(p)) {
            peersInMesh.remove(p);
            prune(topic, p);
          }
        }
      }
      if (peersInMesh.size() >= params.dLow()) {
        graftOutbound(topic, peersInMesh);
      }
      if (scoring.opportunisticGraftDue()) {
        opportunisticGraft(topic, peersInMesh);
      }
      scoring.syncMesh(topic, peersInMesh);
      emitGossip(topic, peersInMesh);
    }
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
      f.getValue().removeIf(p -> !subscribed(p, f.getKey()));
      topUp(f.getKey(), f.getValue(), params.d());
      emitGossip(f.getKey(), f.getValue());
    }
    mcache.shift();
    flush();
  }

  /** Whether a message with this id was seen (published or received) within the seen TTL. */
  public synchronized boolean hasSeen(final MessageId id) {
    return seen.contains(id);
  }

  /** Received messages awaiting a verdict. */
  public synchronized int pendingValidations() {
    return pendingValidations;
  }

  /** Whether reading from peers is paused because too many messages await a verdict. */
  public synchronized boolean readingPaused() {
    return readingPaused;
  }

  /** How many times reading from peers was paused since the router started. */
  public synchronized long readPauses() {
    return readPauses;
  }

  /** Connected peers that announced a subscription to {@code topic}. */
  public synchronized int topicPeerCount(final String topic) {
    return (int) peers.stream().filter(p -> subscribed(p, topic)).count();
  }

  public synchronized Set<PeerId> meshPeers(final String topic) {
    return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
  }

  /**
   * Whether we hold a connection to {@code peer} that we dialled; the caller keeps this current as
   * connections open and close. Meshes keep at least D_out such peers.
   */
  public synchronized void setOutbound(final PeerId peer, final boolean dialledByUs) {
    if (dialledByUs) {
      outbound.add(peer);
    } else {
      outbound.remove(peer);
    }
  }

  /** Whether {@code peer} counts as outbound (we dialled a connection to it) for D_out. */
  public synchronized boolean isOutbound(final PeerId peer) {
    return outbound.contains(peer);
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
    peers.forEach(p -> scores.put(p, scoring.score(p)));
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

  private void onMessage(final PeerId from, final GossipMessage message) {
    if (message.violatesStrictNoSign()) {
      scoring.peerScore().invalidMessage(from, message.topic());
      events.received(message.topic(), GossipEvents.Outcome.REJECT);
      return;
    }
    final MessageId id = messageId.apply(message);
    scoring.received(id);
    if (!seen.add(id)) {
      scoring.peerScore().duplicateMessage(from, id, message.topic());
      events.received(message.topic(), GossipEvents.Outcome.DUPLICATE);
      return;
    }
    if (pendingValidations >= params.maxPendingValidations()) {
      // Too much unvalidated work queued: drop, and forget the id so a later copy can get in.
      seen.remove(id);
      events.received(message.topic(), GossipEvents.Outcome.DROPPED);
      return;
    }
    pendingValidations++;
    pendingValidationBytes += message.dataLength();
    updateReading();
    scoring.peerScore().validateMessage(id);
    validateSafely(from, message)
        .toCompletableFuture()
        .copy() // so the timeout never completes the application's own future
        .orTimeout(params.validationTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (result, error) -> {
              if (error == null && result != null) {
                onValidated(from, id, message, result);
              } else {
                onValidationNotRun(id, message);
              }
            });
  }

  /** A validator that throws instead of failing its stage is treated as a failed stage. */
  private CompletionStage<GossipValidator.Result> validateSafely(
      final PeerId from, final GossipMessage message) {
    try {
      return validator.validate(from, message);
    } catch (final RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private synchronized void onValidated(
      final PeerId from,
      final MessageId id,
      final GossipMessage message,
      final GossipValidator.Result result) {
    validationEnded(message);
    recordVerdict(from, id, message.topic(), result);
    events.received(message.topic(), GossipEvents.Outcome.of(result));
    if (result != GossipValidator.Result.ACCEPT) {
      return;
    }
    mcache.put(id, message);
    if (subscriptions.contains(message.topic())) {
      deliver.accept(id, message);
    }
    int forwards = 0;
    for (final PeerId p : mesh.getOrDefault(message.topic(), Set.of())) {
      if (!p.equals(from)) {
        out(p).messages.add(message);
        forwards++;
      }
    }
    if (forwards > 0) {
      events.forwarded(message.topic());
    }
    // When validation completed later, on another thread, nothing else will flush this.
    flush();
  }

  /**
   * No verdict: the stage failed, the validator threw or the verdict took too long. Nobody is
   * judged and nothing is forwarded, and the id is forgotten by the seen cache and by scoring, so
   * the next copy (a retransmission, an IWANT answer, another peer's forward) is validated afresh.
   */
  private synchronized void onValidationNotRun(final MessageId id, final GossipMessage message) {
    validationEnded(message);
    seen.remove(id);
    scoring.peerScore().forgetMessage(id);
    events.received(message.topic(), GossipEvents.Outcome.DROPPED);
  }

  private void validationEnded(final GossipMessage message) {
    pendingValidations--;
    pendingValidationBytes -= message.dataLength();
    updateReading();
  }

  /** Backpressure: stops reading from peers above the pause marks, resumes at the resume marks. */
  private void updateReading() {
    if (!readingPaused
        && backpressure.shouldPause(pendingValidations, pendingValidationBytes)) {
      readingPaused = true;
      readPauses++;
      readGate.pauseReading();
    } else if (readingPaused
        && backpressure.mayResume(pendingValidations, pendingValidationBytes)) {
      readingPaused = false;
      readGate.resumeReading();
    }
  }

  private void onControl(final PeerId from, final Control control) {
    for (final Graft graft : control.graft()) {
      final String topic = graft.topic();
      if (inBackoff(topic, from)) {
        scoring.peerScore().addPenalty(from, 1); // v1.1: a GRAFT during backoff is misbehaviour
      }
      if (!subscriptions.contains(topic)
          || inBackoff(topic, from)
          || scoring.score(from) < 0
          || meshFullForInbound(topic, from)) {
        prune(topic, from);
      } else {
        mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(from);
      }
    }
    for (final Prune prune : control.prune()) {
      Optional.ofNullable(mesh.get(prune.topic())).ifPresent(m -> m.remove(from));
      final long seconds =
          prune
              .backoffSeconds()
              .filter(s -> s > 0 && s < 86_400)
              .orElse(params.pruneBackoff().toSeconds());
      backoff
          .computeIfAbsent(prune.topic(), t -> new HashMap<>())
          .put(from, clock.instant().plusSeconds(seconds));
    }
    final boolean gossipAccepted = scoring.acceptsGossip(from);
    final List<byte[]> wanted = new ArrayList<>();
    for (final IHave ihave : control.ihave()) {
      if (!gossipAccepted || !subscriptions.contains(ihave.topic())) {
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
      out(from).iwant.add(new IWant(wanted));
      // As go-libp2p: one random id of the request stands for the promise.
      scoring.promise(from, MessageId.of(wanted.get(RANDOM.nextInt(wanted.size()))));
    }
    for (final IWant iwant : control.iwant()) {
      if (!gossipAccepted) {
        break;
      }
      for (final byte[] id : iwant.messageIds()) {
        mcache.getForPeer(MessageId.of(id), from).ifPresent(m -> out(from).messages.add(m));
      }
    }
  }

  private void emitGossip(final String topic, final Set<PeerId> excluded) {
    final List<MessageId> ids = mcache.gossipIds(topic);
    if (ids.isEmpty()) {
      return;
    }
    final List<PeerId> candidates = new ArrayList<>();
    peers.stream()
        .filter(p -> subscribed(p, topic) && !excluded.contains(p) && scoring.acceptsGossip(p))
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    final List<byte[]> raw = ids.stream().map(MessageId::toBytes).toList();
    candidates.stream().limit(params.dLazy()).forEach(p -> out(p).ihave.add(new IHave(topic, raw)));
  }

  private void prune(final String topic, final PeerId peer) {
    out(peer)
        .prune
        .add(new Prune(topic, List.of(), Optional.of(params.pruneBackoff().toSeconds())));
    // We must not re-GRAFT during the backoff we asked the peer to respect.
    backoff
        .computeIfAbsent(topic, t -> new HashMap<>())
        .put(peer, clock.instant().plus(params.pruneBackoff()));
  }

  private void topUp(final String topic, final Set<PeerId> target, final int size) {
    final List<PeerId> candidates = new ArrayList<>();
    peers.stream()
        .filter(p -> subscribed(p, topic) && !target.contains(p) && !inBackoff(topic, p))
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

  private boolean subscribed(final PeerId peer, final String topic) {
    return peers.contains(peer) && peerTopics.getOrDefault(peer, Set.of()).contains(topic);
  }

  private boolean inBackoff(final String topic, final PeerId peer) {
    final Instant until = backoff.getOrDefault(topic, Map.of()).get(peer);
    return until != null && until.isAfter(clock.instant());
  }

  private OutgoingRpc out(final PeerId peer) {
    return outgoing.computeIfAbsent(peer, p -> new OutgoingRpc());
  }

  private void flush() {
    for (final Map.Entry<PeerId, OutgoingRpc> e : outgoing.entrySet()) {
      if (peers.contains(e.getKey())) {
        e.getValue().build().forEach(rpc -> sender.send(e.getKey(), rpc));
      }
    }
    outgoing.clear();
  }

  // ---- peer scoring (gossipsub v1.1) ----

  private void recordVerdict(
      final PeerId from,
      final MessageId id,
      final String topic,
      final GossipValidator.Result result) {
    switch (result) {
      case ACCEPT -> scoring.peerScore().deliverMessage(from, id, topic);
      case REJECT -> scoring.peerScore().rejectMessage(from, id, topic);
      case IGNORE -> scoring.peerScore().ignoreMessage(id);
    }
  }

  /**
   * v1.1: a mesh at D_high takes further GRAFTs only from outbound peers, so that peers dialling in
   * cannot crowd out the ones we chose (the heartbeat then trims the mesh with D_out kept).
   */
  private boolean meshFullForInbound(final String topic, final PeerId from) {
    final Set<PeerId> peersInMesh = mesh.getOrDefault(topic, Set.of());
    return !peersInMesh.contains(from)
        && peersInMesh.size() >= params.dHigh()
        && !outbound.contains(from);
  }

  /** v1.1: a mesh with at least D_low peers but fewer than D_out outbound ones grafts more. */
  private void graftOutbound(final String topic, final Set<PeerId> peersInMesh) {
    final int missing = OutboundQuota.missing(peersInMesh, params.dOut(), outbound::contains);
    if (missing == 0) {
      return;
    }
    final List<PeerId> candidates = new ArrayList<>();
    peers.stream()
        .filter(p -> outbound.contains(p) && subscribed(p, topic) && !peersInMesh.contains(p))
        .filter(p -> !inBackoff(topic, p) && scoring.score(p) >= 0)
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    for (final PeerId p : candidates.subList(0, Math.min(missing, candidates.size()))) {
      peersInMesh.add(p);
      out(p).graft.add(new Graft(topic));
    }
  }

  /** v1.1: mesh peers with a negative score are pruned at every heartbeat. */
  private void pruneNegativeScores(final String topic, final Set<PeerId> peersInMesh) {
    for (final PeerId p : List.copyOf(peersInMesh)) {
      if (scoring.score(p) < 0) {
        peersInMesh.remove(p);
        prune(topic, p);
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
    peers.stream()
        .filter(p -> subscribed(p, topic) && !peersInMesh.contains(p) && !inBackoff(topic, p))
        .filter(p -> scoring.score(p) > median)
        .forEach(candidates::add);
    Collections.shuffle(candidates);
    for (final PeerId p : candidates.subList(
        0, Math.min(GossipScoring.OPPORTUNISTIC_GRAFT_PEERS, candidates.size()))) {
      peersInMesh.add(p);
      out(p).graft.add(new Graft(topic));
    }
  }

  /** Sends one RPC to a peer; the stage completes when it was handed to the connection. */
  @FunctionalInterface
  public interface RpcSender {
    CompletionStage<Void> send(PeerId peer, GossipRpc rpc);
  }

  /**
   * What one call of the router wants to tell one peer: subscriptions and control in one RPC, and
   * each message in its own, so that no RPC exceeds the peer's size limit however many large
   * messages go out at once.
   */
  private static final class OutgoingRpc {
    final List<Subscription> subscriptions = new ArrayList<>();
    final List<GossipMessage> messages = new ArrayList<>();
    final List<IHave> ihave = new ArrayList<>();
    final List<IWant> iwant = new ArrayList<>();
    final List<Graft> graft = new ArrayList<>();
    final List<Prune> prune = new ArrayList<>();

    List<GossipRpc> build() {
      final List<GossipRpc> rpcs = new ArrayList<>();
      final Control control = new Control(ihave, iwant, graft, prune, List.of());
      if (!subscriptions.isEmpty() || !control.isEmpty()) {
        rpcs.add(new GossipRpc(subscriptions, List.of(), control));
      }
      messages.forEach(m -> rpcs.add(new GossipRpc(List.of(), List.of(m), Control.EMPTY)));
      return rpcs;
    }
  }
}
