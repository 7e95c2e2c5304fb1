package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipMessage;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.Gossipsub;
import io.zkstateless.common.p2p.gossip.MessageId;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * An eth2 gossip node: a {@link Host} with gossipsub using the eth2 message id, listening on one
 * address and keeping its static peers dialled. Topics are this node's fork digest's {@code
 * execution_proof_<n>}; what the node accepts is decided by the validator it is built with.
 */
public final class Eth2GossipNode implements AutoCloseable {

  private final Eth2NodeConfig config;
  private final Gossipsub gossipsub;
  private final Host host;
  private final ScheduledExecutorService scheduler;
  private final List<StaticPeerDialer> dialers = new ArrayList<>();
  private volatile boolean running;

  public Eth2GossipNode(
      final Eth2NodeConfig config,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver) {
    this.config = config;
    this.gossipsub =
        new Gossipsub(
            GossipParams.ETH2,
            RpcLimits.ETH2,
            Eth2MessageId::of,
            validator,
            deliver,
            Clock.systemUTC());
    this.host = new Host(HostConfig.of(config.identity(), List.of(gossipsub.protocolHandler())));
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "eth2-gossip-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /** Listens, starts the heartbeat and dials the static peers; returns the bound address. */
  public Multiaddr start() throws Exception {
    gossipsub.attach(host, scheduler);
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

  public void subscribe(final GossipTopic topic) {
    gossipsub.router().subscribe(topic.toString());
  }

  /** Publishes to every peer subscribed to the topic; returns how many that is. */
  public int publish(final GossipTopic topic, final byte[] data) {
    return gossipsub.router().publish(topic.toString(), data);
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
  }
}
