package io.zkstateless.validator.gossip;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipValidator;
import io.zkstateless.common.p2p.eth2.ProofGossipHandler;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.ValidationBackpressure;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import io.zkstateless.validator.fork.GossipForkDigests;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's p2p node: subscribed to every execution-proof subnet {@code 0..max-1} of each
 * fork digest {@link GossipForkDigests} gives for the moment, each message judged by {@link
 * GossipProofInput}. Across a fork it follows what eth2 clients do: the next fork's topics are
 * joined some epochs before the fork and the old ones left some epochs after it; in between,
 * messages on either digest are accepted. The set is checked every {@code fork-check-interval}.
 * Its router holds at most as many messages awaiting a verdict as the validation executor can
 * take (threads plus queue), and stops reading from peers at a quarter of that, or at {@code
 * validation-backlog} bytes, so that peers are slowed down by TCP rather than their messages
 * dropped.
 * With {@code reqResp} it also speaks eth2 req/resp (Status, Ping, MetaData, Goodbye), without
 * which consensus clients drop it within a minute.
 */
public final class ValidatorP2pNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorP2pNode.class);

  private final Eth2GossipNode node;
  private final GossipProofInput input;
  private final ProofGossipHandler handler;
  private final ExecutionProofGossipCodec codec;
  private final int subnets;
  private final GossipForkDigests forks;
  private final Clock clock;
  private final Duration forkCheckInterval;
  private final ScheduledExecutorService forkChecks;
  private volatile Set<String> subscribedDigests;

  ValidatorP2pNode(
      final P2pProperties p2p,
      final int subnets,
      final GossipForkDigests forks,
      final Clock clock,
      final GossipInputFactory inputs,
      final Optional<Eth2ReqResp> reqResp,
      final MeterRegistry meters) {
    this.subnets = subnets;
    this.forks = forks;
    this.clock = clock;
    this.forkCheckInterval = p2p.forkCheckInterval();
    final List<String> digests = forks.at(clock.instant());
    // Subscribed in start(), each topic with its digest's validator.
    this.subscribedDigests = Set.copyOf(digests);
    this.forkChecks =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("validator-fork-topics").daemon().factory());
    this.input = inputs.create(this::disconnect);
    this.handler =
        new ProofGossipHandler() {
          @Override
          public CompletionStage<GossipValidator.Result> validate(
              final PeerId from, final int topicSubnet, final ExecutionProof proof) {
            return input.validate(from, topicSubnet, proof);
          }

          @Override
          public void onInvalid(final PeerId from, final String topic, final String problem) {
            input.onUndecodable(from, topic + ": " + problem);
          }
        };
    this.codec =
        new ExecutionProofGossipCodec(
            new ExecutionProofSchema(new ExecutionProofSubnetConfig(subnets)));
    // The node's libp2p_* meters go to the application's registry.
    final Eth2NodeConfig config = nodeConfig(p2p, digests.getFirst()).withMeterRegistry(meters);
    final int capacity = p2p.validationThreads() + p2p.validationQueue();
    this.node =
        new Eth2GossipNode(
            config,
            // The default, for topics not subscribed to (a forward racing our UNSUBSCRIBE of a
            // retired digest's topic): no digest is ours there, so it is an unknown topic.
            new ExecutionProofGossipValidator(digest -> false, codec, handler),
            (id, message) -> {},
            reqResp,
            Eth2GossipNode.defaultScoring(forks.all()),
            GossipParams.ETH2
                .withValidationBounds(capacity, GossipParams.ETH2.validationTimeout())
                .withRateLimit(p2p.rateLimit().toGossipRateLimit()),
            ValidationBackpressure.pauseAt(
                Math.max(1, capacity / 4), p2p.validationBacklog().toBytes()));
  }

  /** How many times the node stopped reading from its peers to let validation catch up. */
  public long readPauses() {
    return node.readPauses();
  }

  /** Starts the node, joins every subnet of the current digests and starts the fork checks. */
  void start() throws Exception {
    node.start();
    subscribedDigests.forEach(this::subscribeAll);
    LOG.info("Subscribed to execution proof topics of fork digests {}", subscribedDigests);
    final long every = forkCheckInterval.toMillis();
    forkChecks.scheduleWithFixedDelay(this::checkForks, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Brings the subscriptions to the digests of the moment: joins a new digest's topics (each with
   * its validator in place before the peers hear of it, so none of their messages is refused as
   * an unknown topic) and leaves a retired one's.
   */
  synchronized void updateSubscriptions() {
    final Set<String> wanted = Set.copyOf(forks.at(clock.instant()));
    final Set<String> current = subscribedDigests;
    if (wanted.equals(current)) {
      return;
    }
    final Set<String> joining = new HashSet<>(wanted);
    joining.removeAll(current);
    final Set<String> leaving = new HashSet<>(current);
    leaving.removeAll(wanted);
    joining.forEach(this::subscribeAll);
    leaving.forEach(this::unsubscribeAll);
    subscribedDigests = wanted;
    LOG.info(
        "Fork digests now {} (joined {}, left {})", wanted, joining, leaving);
  }

  /** The fork digests whose topics the node is subscribed to. */
  public Set<String> forkDigests() {
    return subscribedDigests;
  }

  private void checkForks() {
    try {
      updateSubscriptions();
    } catch (final RuntimeException e) {
      LOG.warn("Fork digest check failed; retrying in {}", forkCheckInterval, e);
    }
  }

  /** Joins every subnet of the digest, judging their messages as proofs of that digest. */
  private void subscribeAll(final String digest) {
    final ExecutionProofGossipValidator validator =
        new ExecutionProofGossipValidator(digest, codec, handler);
    for (int subnet = 0; subnet < subnets; subnet++) {
      node.subscribe(Eth2GossipNode.executionProofTopic(digest, subnet), validator);
    }
  }

  private void unsubscribeAll(final String digest) {
    for (int subnet = 0; subnet < subnets; subnet++) {
      node.unsubscribe(Eth2GossipNode.executionProofTopic(digest, subnet));
    }
  }

  public boolean isRunning() {
    return node.isRunning();
  }

  public PeerId peerId() {
    return node.peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return node.listenAddresses();
  }

  public int connectionCount() {
    return node.connectionCount();
  }

  /** The gossipsub score of every connected gossip peer. */
  public Map<PeerId, Double> peerScores() {
    return node.peerScores();
  }

  public int graylistedPeerCount() {
    return node.graylistedPeerCount();
  }

  /** Connections the host closed because of what arrived on them (see {@code Host.rejections()}). */
  public ConnectionRejections connectionRejections() {
    return node.connectionRejections();
  }

  void disconnect(final PeerId peer) {
    node.disconnect(peer);
  }

  @Override
  public void close() {
    forkChecks.shutdownNow();
    node.close();
    input.close();
  }

  private static Eth2NodeConfig nodeConfig(final P2pProperties p2p, final String digest) {
    final Secp256k1PrivateKey identity =
        p2p.identityKeyFile() == null
            ? Secp256k1PrivateKey.generate()
            : NodeKeyFile.loadOrCreate(p2p.identityKeyFile());
    final String family = p2p.listenAddress().contains(":") ? "ip6" : "ip4";
    return Eth2NodeConfig.of(
        identity,
        Multiaddr.fromString("/" + family + "/" + p2p.listenAddress() + "/tcp/" + p2p.listenPort()),
        p2p.staticPeers().stream().map(Multiaddr::fromString).toList(),
        digest);
  }

  /** Builds the input once the node can be handed to it as its way to disconnect peers. */
  @FunctionalInterface
  interface GossipInputFactory {
    GossipProofInput create(java.util.function.Consumer<PeerId> disconnect);
  }
}
