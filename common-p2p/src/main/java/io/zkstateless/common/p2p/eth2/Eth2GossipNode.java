package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipRouter;
import io.zkstateless.common.p2p.gossip.GossipScoreConfig;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.Gossipsub;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.gossip.TopicValidators;
import io.zkstateless.common.p2p.gossip.ValidationBackpressure;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import io.zkstateless.common.p2p.metrics.Libp2pMetrics;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An eth2 gossip node: a {@link Host} with gossipsub using the eth2 message id, listening on one
 * address and keeping its static peers dialled. Topics are this node's fork digest's {@code
 * execution_proof_<n>}. What the node accepts on a topic is decided by the validator the topic was
 * subscribed with ({@link #subscribe(GossipTopic, GossipValidator)}), else by the validator the
 * node is built with: its default, for topics subscribed without one and for messages on topics
 * the node is not (or no longer) subscribed to. Its {@code libp2p_*} meters ({@link
 * Libp2pMetrics}) go to {@link Eth2NodeConfig#meterRegistry()}.
 */
public final class Eth2GossipNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Eth2GossipNode.class);

  /** How long a peer may stay below the graylist threshold before we close its connections. */
  public static final Duration GRAYLIST_DISCONNECT_AFTER = Duration.ofSeconds(10);

  private final Eth2NodeConfig config;
  private final TopicValidators validators;
  private final Gossipsub gossipsub;
  private final Host host;
  private final ScheduledExecutorService scheduler;
  private final List<StaticPeerDialer> dialers = new ArrayList<>();
  private final Optional<Eth2ReqResp> reqResp;
  private final Libp2pMetrics metrics;
  private volatile boolean running;

  public Eth2GossipNode(
      final Eth2NodeConfig config,
      final GossipValidator defaultValidator,
      final BiConsumer<MessageId, GossipMessage> deliver) {
    this(config, defaultValidator, deliver, Optional.empty());
  }

  /**
   * With {@code reqResp}, the node also answers status/ping/metadata/goodbye and sends Status on
   * every connection it dials, as a consensus client expects of a peer it keeps.
   */
  public Eth2GossipNode(
      final Eth2NodeConfig config,
      final GossipValidator defaultValidator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final Optional<Eth2ReqResp> reqResp) {
    this(config, defaultValidator, deliver, reqResp, defaultScoring(config.forkDigestHex()));
  }

  /** With the peer scoring of {@code scoring} ({@link #defaultScoring(String)} by default). */
  public Eth2GossipNode(
      final Eth2NodeConfig config,
      final GossipValidator defaultValidator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final Optional<Eth2ReqResp> reqResp,
      final GossipScoreConfig scoring) {
    this(
        config,
        defaultValidator,
        deliver,
        reqResp,
        scoring,
        GossipParams.ETH2,
        ValidationBackpressure.defaultFor(GossipParams.ETH2.maxPendingValidations()));
  }

  /**
   * With {@code params}' bounds on validation (how many messages may await a verdict, for how
   * long) and {@code backpressure}'s marks for pausing reads while they do: an application whose
   * own validation queue is smaller than {@link GossipParams#maxPendingValidations()} sets both so
   * that the router stops reading well before that queue is full.
   */
  public Eth2GossipNode(
      final Eth2NodeConfig config,
      final GossipValidator defaultValidator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final Optional<Eth2ReqResp> reqResp,
      final GossipScoreConfig scoring,
      final GossipParams params,
      final ValidationBackpressure backpressure) {
    this.config = config;
    this.reqResp = reqResp;
    this.validators = new TopicValidators(defaultValidator);
    this.metrics = new Libp2pMetrics(config.meterRegistry());
    this.gossipsub =
        new Gossipsub(
            params,
            RpcLimits.ETH2,
            Eth2MessageId::of,
            validators,
            deliver,
            Clock.systemUTC(),
            scoring,
            backpressure,
            metrics);
    final List<ProtocolHandler> protocols = new ArrayList<>();
    protocols.add(gossipsub.protocolHandler());
    reqResp.ifPresent(calls -> protocols.addAll(calls.protocolHandlers()));
    this.host = new Host(HostConfig.of(config.identity(), protocols));
    metrics.bindHost(host);
    metrics.bindRouter(gossipsub.router());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "eth2-gossip-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Scores every {@code execution_proof_<n>} topic of the fork digest with {@link Eth2ScoreParams}
   * (one proof per slot per subnet expected), Lighthouse's thresholds, and disconnects a peer that
   * has stayed graylisted for {@link #GRAYLIST_DISCONNECT_AFTER}.
   */
  public static GossipScoreConfig defaultScoring(final String forkDigestHex) {
    return defaultScoring(List.of(forkDigestHex));
  }

  /** As {@link #defaultScoring(String)}, for the topics of several fork digests (a fork schedule). */
  public static GossipScoreConfig defaultScoring(final Collection<String> forkDigestsHex) {
    final List<String> topics =
        forkDigestsHex.stream()
            .distinct()
            .flatMap(
                digest ->
                    IntStream.range(0, ExecutionProofSubnetConfig.MAX_SUPPORTED_SUBNETS)
                        .mapToObj(
                            n ->
                                new GossipTopic(digest, GossipTopic.EXECUTION_PROOF_PREFIX + n)
                                    .toString()))
            .toList();
    return new GossipScoreConfig(
        Eth2ScoreParams.forTopics(topics, 1),
        PeerScoreThresholds.ETH2,
        GossipScoreConfig.DEFAULT_D_SCORE,
        Optional.of(GRAYLIST_DISCONNECT_AFTER),
        peer -> 0);
  }

  /** How often Status ages are checked (Lodestar's ping/status check interval). */
  private static final Duration STATUS_CHECK_INTERVAL = Duration.ofSeconds(10);

  private void startReqResp(final Eth2ReqResp calls) {
    calls.attach(host);
    // Status on every connection we dial (the dialer MUST), and again every 5 minutes with all.
    host.addConnectionListener(calls::onConnection);
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            calls.refreshStatuses(host.connections());
          } catch (final RuntimeException e) {
            // An exception would cancel the periodic task for good.
            LOG.warn("Status refresh failed", e);
          }
        },
        STATUS_CHECK_INTERVAL.toMillis(),
        STATUS_CHECK_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Listens, starts the heartbeat and dials the static peers; returns the bound address. */
  public Multiaddr start() throws Exception {
    gossipsub.attach(host, scheduler);
    reqResp.ifPresent(this::startReqResp);
    final Multiaddr bound = host.listen(config.listenAddress()).get(10, TimeUnit.SECONDS);
    for (final Multiaddr peer : config.staticPeers()) {
      final StaticPeerDialer dialer =
          new StaticPeerDialer(host, peer, scheduler, config.redialInitial(), config.redialMax());
      dialers.add(dialer);
      dialer.start();
    }
    running = true;
    return bound;
  }

  public GossipTopic executionProofTopic(final int subnet) {
    return new GossipTopic(config.forkDigestHex(), GossipTopic.EXECUTION_PROOF_PREFIX + subnet);
  }

  /** The {@code execution_proof_<subnet>} topic of another fork digest than the node's own. */
  public static GossipTopic executionProofTopic(final String forkDigestHex, final int subnet) {
    return new GossipTopic(forkDigestHex, GossipTopic.EXECUTION_PROOF_PREFIX + subnet);
  }

  /** Joins the topic; its messages are judged by the node's default validator. */
  public void subscribe(final GossipTopic topic) {
    validators.remove(topic.toString());
    metrics.knowTopic(topic.toString(), topic.name(), true);
    gossipsub.router().subscribe(topic.toString());
  }

  /**
   * Joins the topic; its messages are judged by {@code validator} (which replaces the one it had
   * if the node is already subscribed). The validator is in place before the peers hear of the
   * subscription, so none of the topic's messages meets the default validator.
   */
  public void subscribe(final GossipTopic topic, final GossipValidator validator) {
    validators.put(topic.toString(), validator);
    metrics.knowTopic(topic.toString(), topic.name(), true);
    gossipsub.router().subscribe(topic.toString());
  }

  /**
   * Leaves the topic's mesh and tells the peers (a fork's old topics, some time after it); its
   * messages still in flight are judged by the node's default validator.
   */
  public void unsubscribe(final GossipTopic topic) {
    gossipsub.router().unsubscribe(topic.toString());
    validators.remove(topic.toString());
  }

  /** Publishes to every peer subscribed to the topic; returns how many that is. */
  public int publish(final GossipTopic topic, final byte[] data) {
    metrics.knowTopic(topic.toString(), topic.name(), false);
    return gossipsub.router().publish(topic.toString(), data);
  }

  /**
   * Publishes unless the message is too large for gossip or already seen, and completes once a
   * peer's connection took it (see {@link
   * io.zkstateless.common.p2p.gossip.GossipRouter#publishConfirmed}): with the number of peers it
   * was sent to, or why it did not go out. A message that reached nobody (no peer, or every write
   * failed) is not seen afterwards, so publishing it again sends it. Our own earlier publish of the
   * same bytes, still waiting for a peer to take it, is joined rather than reported a duplicate.
   */
  public CompletableFuture<PublishResult> tryPublish(final GossipTopic topic, final byte[] data) {
    if (data.length > RpcLimits.ETH2.maxDataBytes()) {
      return CompletableFuture.completedFuture(
          new PublishResult.TooLarge(data.length, RpcLimits.ETH2.maxDataBytes()));
    }
    metrics.knowTopic(topic.toString(), topic.name(), false);
    final GossipRouter router = gossipsub.router();
    final Optional<CompletableFuture<Integer>> inFlight =
        router.publishInFlight(topic.toString(), data);
    if (inFlight.isPresent()) {
      return inFlight.get().thenApply(PublishResult::ofPeers);
    }
    if (hasSeen(topic, data)) {
      return CompletableFuture.completedFuture(new PublishResult.Duplicate());
    }
    return router.publishConfirmed(topic.toString(), data).thenApply(PublishResult::ofPeers);
  }

  /** How many times this node stopped reading from its peers to let validation catch up. */
  public long readPauses() {
    return gossipsub.router().readPauses();
  }

  public boolean hasSeen(final GossipTopic topic, final byte[] data) {
    return gossipsub.router().hasSeen(Eth2MessageId.of(topic.toString(), data));
  }

  /** Connected peers subscribed to the topic (a superset of our mesh for it). */
  public int topicPeerCount(final GossipTopic topic) {
    return gossipsub.router().topicPeerCount(topic.toString());
  }

  public int meshPeerCount(final GossipTopic topic) {
    return gossipsub.router().meshPeers(topic.toString()).size();
  }

  public Set<PeerId> meshPeers(final GossipTopic topic) {
    return gossipsub.router().meshPeers(topic.toString());
  }

  /** The gossipsub v1.1 score of every peer with a gossip stream (see common-p2p README). */
  public Map<PeerId, Double> peerScores() {
    return gossipsub.router().peerScores();
  }

  /** Peers below the graylist threshold at the last heartbeat: their RPCs are ignored. */
  public int graylistedPeerCount() {
    return gossipsub.router().graylistedPeerCount();
  }

  /** Closes every connection to {@code peer} (a static peer is re-dialled after its backoff). */
  public void disconnect(final PeerId peer) {
    host.connections().stream()
        .filter(c -> c.remotePeerId().equals(peer))
        .forEach(Connection::close);
  }

  public PeerId peerId() {
    return host.peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return host.listenAddresses();
  }

  /** The open connections, to make req/resp calls (a Ping, a Goodbye) on them. */
  public Set<Connection> connections() {
    return host.connections();
  }

  /** Connections closed because their peer broke a protocol (or for our own errors). */
  public ConnectionRejections connectionRejections() {
    return host.rejections();
  }

  public int connectionCount() {
    return host.connections().size();
  }

  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    running = false;
    dialers.forEach(StaticPeerDialer::stop);
    scheduler.shutdownNow();
    gossipsub.close();
    host.close();
    metrics.close();
  }
}
