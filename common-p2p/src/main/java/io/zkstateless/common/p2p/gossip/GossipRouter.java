package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A gossipsub v1.1 router without peer scoring: meshes per topic kept between D_low and D_high by
 * the heartbeat, GRAFT/PRUNE with backoff honoured both ways, fanout for topics we publish to but
 * have not joined, flood publishing of our own messages, IHAVE gossip from the message cache and
 * IWANT answered with a retransmission limit, and a seen cache. Messages must be StrictNoSign.
 *
 * <p>Every method is synchronized: RPCs arrive on connection threads and the heartbeat on a timer,
 * and the work per call is small. The validator is called under that lock and must only start its
 * work; its verdict may arrive later, on any thread, and then delivery and forwarding happen. The
 * delivery and send callbacks run under the lock, so they must be quick and must not call back into
 * the router. The caller schedules {@link #heartbeat()} every {@link
 * GossipParams#heartbeatInterval()}.
 */
public final class GossipRouter implements MeshsubTransport.RpcListener {

  /** go-libp2p's max_ihave_length: message ids we ask one peer for per heartbeat. */
  static final int MAX_IWANT_PER_PEER_PER_HEARTBEAT = 5000;

  private final GossipParams params;
  private final Function<GossipMessage, MessageId> messageId;
  private final GossipValidator validator;
  private final BiConsumer<MessageId, GossipMessage> deliver;
  private final BiConsumer<PeerId, GossipRpc> sender;
  private final InstantSource clock;
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
  private int pendingValidations;

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
    this.params = params;
    this.messageId = messageId;
    this.validator = validator;
    this.deliver = deliver;
    this.sender = sender;
    this.clock = clock;
    this.seen = new SeenCache(params.seenTtl(), params.seenCapacity(), clock);
    this.mcache =
        new MessageCache(params.mcacheLength(), params.mcacheGossip(), params.maxRetransmissions());
  }

  @Override
  public synchronized void onOutboundStream(final PeerId peer) {
    peers.add(peer);
    if (!subscriptions.isEmpty()) {
      final List<Subscription> ours =
          subscriptions.stream().sorted().map(t -> new Subscription(true, t)).toList();
      sender.accept(peer, GossipRpc.of(ours));
    }
  }

  @Override
  public synchronized void onPeerGone(final PeerId peer) {
    peers.remove(peer);
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
    flush();
  }

  /**
   * Publishes a StrictNoSign message to every peer subscribed to the topic; returns how many. A
   * message that reached nobody is neither marked seen nor cached (as in js-libp2p, which fails
   * such a publish before its seen cache): a later publish of the same bytes, once peers are
   * there, must go out rather than be taken for a message the network already carries.
   */
  public synchronized int publish(final String topic, final byte[] data) {
    final GossipMessage message = GossipMessage.unsigned(topic, data);
    final MessageId id = messageId.apply(message);
    final Set<PeerId> recipients = new LinkedHashSet<>();
    peers.stream().filter(p -> subscribed(p, topic)).forEach(recipients::add);
    if (recipients.isEmpty()) {
      return 0;
    }
    seen.add(id);
    mcache.put(id, message);
    if (!subscriptions.contains(topic)) {
      final Set<PeerId> fan = fanout.computeIfAbsent(topic, t -> new LinkedHashSet<>());
      topUp(topic, fan, params.d());
      fanoutPublished.put(topic, clock.instant());
    }
    recipients.forEach(p -> out(p).messages.add(message));
    flush();
    return recipients.size();
  }

  @Override
  public synchronized void onRpc(final PeerId from, final GossipRpc rpc) {
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
    requested.clear();
    askedPerPeer.clear();
    backoff.values().forEach(b -> b.values().removeIf(until -> !until.isAfter(now)));
    for (final String topic : subscriptions) {
      final Set<PeerId> peersInMesh = mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>());
      peersInMesh.removeIf(p -> !subscribed(p, topic));
      if (peersInMesh.size() < params.dLow()) {
        final Set<PeerId> before = Set.copyOf(peersInMesh);
        topUp(topic, peersInMesh, params.d());
        peersInMesh.stream()
            .filter(p -> !before.contains(p))
            .forEach(p -> out(p).graft.add(new Graft(topic)));
      } else if (peersInMesh.size() > params.dHigh()) {
        final List<PeerId> shuffled = new ArrayList<>(peersInMesh);
        Collections.shuffle(shuffled);
        for (final PeerId p : shuffled.subList(params.d(), shuffled.size())) {
          peersInMesh.remove(p);
          prune(topic, p);
        }
      }
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

  /** Connected peers that announced a subscription to {@code topic}. */
  public synchronized int topicPeerCount(final String topic) {
    return (int) peers.stream().filter(p -> subscribed(p, topic)).count();
  }

  public synchronized Set<PeerId> meshPeers(final String topic) {
    return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
  }

  private void onMessage(final PeerId from, final GossipMessage message) {
    if (message.violatesStrictNoSign()) {
      return;
    }
    final MessageId id = messageId.apply(message);
    if (!seen.add(id)) {
      return;
    }
    if (pendingValidations >= params.maxPendingValidations()) {
      // Too much unvalidated work queued: drop, and forget the id so a later copy can get in.
      seen.remove(id);
      return;
    }
    pendingValidations++;
    validateSafely(from, message)
        .toCompletableFuture()
        .copy() // so the timeout never completes the application's own future
        .orTimeout(params.validationTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (result, error) ->
                onValidated(
                    from, id, message, error == null ? result : GossipValidator.Result.IGNORE));
  }

  /** A validator that throws instead of failing its stage is treated as if it had said IGNORE. */
  private CompletionStage<GossipValidator.Result> validateSafely(
      final PeerId from, final GossipMessage message) {
    try {
      return validator.validate(from, message);
    } catch (final RuntimeException e) {
      return CompletableFuture.completedFuture(GossipValidator.Result.IGNORE);
    }
  }

  private synchronized void onValidated(
      final PeerId from,
      final MessageId id,
      final GossipMessage message,
      final GossipValidator.Result result) {
    pendingValidations--;
    if (result != GossipValidator.Result.ACCEPT) {
      return;
    }
    mcache.put(id, message);
    if (subscriptions.contains(message.topic())) {
      deliver.accept(id, message);
    }
    for (final PeerId p : mesh.getOrDefault(message.topic(), Set.of())) {
      if (!p.equals(from)) {
        out(p).messages.add(message);
      }
    }
    // When validation completed later, on another thread, nothing else will flush this.
    flush();
  }

  private void onControl(final PeerId from, final Control control) {
    for (final Graft graft : control.graft()) {
      final String topic = graft.topic();
      if (!subscriptions.contains(topic) || inBackoff(topic, from)) {
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
    final List<byte[]> wanted = new ArrayList<>();
    for (final IHave ihave : control.ihave()) {
      if (!subscriptions.contains(ihave.topic())) {
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
    }
    for (final IWant iwant : control.iwant()) {
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
        .filter(p -> subscribed(p, topic) && !excluded.contains(p))
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
        e.getValue().build().forEach(rpc -> sender.accept(e.getKey(), rpc));
      }
    }
    outgoing.clear();
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
