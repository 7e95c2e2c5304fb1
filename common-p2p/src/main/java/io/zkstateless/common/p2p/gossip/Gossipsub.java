package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a {@link GossipRouter} to its {@link MeshsubTransport}: put {@link #protocolHandler()} in
 * the {@link HostConfig}, then {@link #attach(Host, ScheduledExecutorService)} once the host exists
 * to open gossip streams on every connection and run the heartbeat.
 */
public final class Gossipsub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Gossipsub.class);

  private final GossipParams params;
  private final MeshsubTransport transport;
  private final GossipRouter router;
  private final PeerRateLimiter rateLimiter;
  private final GossipEvents events;
  private final ConnectionReads reads = new ConnectionReads();
  private ScheduledFuture<?> heartbeat;

  public Gossipsub(
      final GossipParams params,
      final RpcLimits limits,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final InstantSource clock) {
    this(params, limits, messageId, validator, deliver, clock, GossipScoreConfig.DISABLED);
  }

  /** Gossipsub that scores peers and disconnects those graylisted as {@code scoring} says. */
  public Gossipsub(
      final GossipParams params,
      final RpcLimits limits,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final InstantSource clock,
      final GossipScoreConfig scoring) {
    this(
        params,
        limits,
        messageId,
        validator,
        deliver,
        clock,
        scoring,
        ValidationBackpressure.defaultFor(params.maxPendingValidations()));
  }

  /**
   * Gossipsub that stops reading from every connection of the host while the validations waiting
   * for a verdict are above {@code backpressure}'s pause marks (see common-p2p README).
   */
  public Gossipsub(
      final GossipParams params,
      final RpcLimits limits,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final InstantSource clock,
      final GossipScoreConfig scoring,
      final ValidationBackpressure backpressure) {
    this(
        params,
        limits,
        messageId,
        validator,
        deliver,
        clock,
        scoring,
        backpressure,
        GossipEvents.NONE);
  }

  /**
   * Gossipsub that reports what happens to received and sent messages to {@code events} (the
   * node's metrics), and drops the messages a peer sends beyond {@link GossipParams#rateLimit()}
   * before they reach the router, penalising the peer for each (see {@link PeerRateLimiter}).
   */
  public Gossipsub(
      final GossipParams params,
      final RpcLimits limits,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final InstantSource clock,
      final GossipScoreConfig scoring,
      final ValidationBackpressure backpressure,
      final GossipEvents events) {
    if (params.rateLimit().byteBurst() < limits.maxDataBytes()) {
      // A message larger than the burst could never pass, and would penalise whoever forwards it.
      throw new IllegalArgumentException(
          "the rate limit's byte burst must allow the largest message (" + limits.maxDataBytes()
              + " bytes)");
    }
    this.params = params;
    this.events = events;
    this.rateLimiter = new PeerRateLimiter(params.rateLimit(), System::nanoTime);
    this.transport = new MeshsubTransport(limits, new Listener(), events);
    this.router =
        new GossipRouter(
            params,
            messageId,
            validator,
            deliver,
            this::send,
            clock,
            scoring,
            backpressure,
            reads);
    router.setEvents(events);
  }

  /** The {@code /meshsub/1.1.0} handler to register in the host's configuration. */
  public ProtocolHandler protocolHandler() {
    return transport;
  }

  /** Opens our gossip stream on every new connection of {@code host} and starts the heartbeat. */
  public void attach(final Host host, final ScheduledExecutorService scheduler) {
    reads.attach(host);
    host.addConnectionListener(reads::onConnection);
    host.addConnectionListener(this::onConnection);
    host.addConnectionListener(connection -> trackDirection(host, connection));
    host.addConnectionListener(connection -> forgetRateWhenGone(host, connection));
    host.addConnectionListener(transport::onConnection);
    final long periodMillis = params.heartbeatInterval().toMillis();
    heartbeat =
        scheduler.scheduleAtFixedRate(
            () -> heartbeat(host), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** The heartbeat, then closing the connections of peers graylisted for long enough. */
  private void heartbeat(final Host host) {
    try {
      router.heartbeat();
      for (final PeerId peer : router.peersToDisconnect()) {
        LOG.info("Disconnecting {}: its gossip score stayed below the graylist threshold", peer);
        host.connections().stream()
            .filter(c -> c.remotePeerId().equals(peer))
            .forEach(Connection::close);
      }
    } catch (final RuntimeException e) {
      // An exception would cancel the periodic task and silently stop the heartbeat for good.
      LOG.warn("Gossip heartbeat failed", e);
    }
  }

  /**
   * Tells scoring the peer's IP address (P6, IP colocation). Loopback addresses are not counted:
   * local test networks and sidecars legitimately put many peers on one.
   */
  private void onConnection(final Connection connection) {
    if (connection.remoteAddress() instanceof InetSocketAddress address
        && address.getAddress() != null
        && !address.getAddress().isLoopbackAddress()) {
      router.setPeerIp(connection.remotePeerId(), address.getAddress().getHostAddress());
      connection.closeFuture().whenComplete((v, e) -> router.onConnectionClosed(connection));
    }
  }

  /**
   * Tells the router whether we hold a connection we dialled to the peer (its D_out quota), before
   * the connection's gossip stream opens, and again when the connection closes.
   */
  private void trackDirection(final Host host, final Connection connection) {
    final PeerId peer = connection.remotePeerId();
    if (connection.isOutbound()) {
      router.setOutbound(peer, true);
    }
    connection
        .closeFuture()
        .whenComplete(
            (v, e) ->
                router.setOutbound(
                    peer,
                    host.connections().stream()
                        .anyMatch(
                            c ->
                                c != connection
                                    && c.isOpen()
                                    && c.isOutbound()
                                    && c.remotePeerId().equals(peer))));
  }

  /** A peer's rate buckets go with its last connection (a new one starts with a full burst). */
  private void forgetRateWhenGone(final Host host, final Connection connection) {
    final PeerId peer = connection.remotePeerId();
    connection
        .closeFuture()
        .whenComplete(
            (v, e) -> {
              final boolean connected =
                  host.connections().stream()
                      .anyMatch(c -> c != connection && c.isOpen() && c.remotePeerId().equals(peer));
              if (!connected) {
                rateLimiter.forget(peer);
              }
            });
  }

  /** Peers whose message rate is being tracked (connected peers that sent messages). */
  public int rateTrackedPeers() {
    return rateLimiter.trackedPeers();
  }

  public GossipRouter router() {
    return router;
  }

  /**
   * Sends an RPC. The router does not wait for writes; one that fails (the peer's stream is gone or
   * its send buffer is full) loses the messages in it for that peer, which is said here rather than
   * silently.
   */
  private CompletableFuture<Void> send(final PeerId peer, final GossipRpc rpc) {
    return transport
        .send(peer, rpc)
        .whenComplete(
            (ignored, error) -> {
              if (error != null && !rpc.messages().isEmpty()) {
                LOG.warn(
                    "Dropped {} gossip message(s) to {}: {}",
                    rpc.messages().size(),
                    peer,
                    error.getMessage());
              }
            });
  }

  /** Stops the heartbeat; connections close with the host. */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
  }

  /**
   * The router's {@link InboundReadGate}: pausing stops reading on every connection of the host
   * (and on those that open while paused). Whole connections, not just gossip streams: mplex has no
   * flow control to withhold, and yamux's window is re-opened as bytes are read, not as they are
   * validated, so only the socket holds a sender back.
   */
  private static final class ConnectionReads implements InboundReadGate {
    private Host host;
    private boolean paused;

    synchronized void attach(final Host attached) {
      this.host = attached;
      apply();
    }

    synchronized void onConnection(final Connection connection) {
      if (paused) {
        connection.setReading(false);
      }
    }

    @Override
    public synchronized void pauseReading() {
      paused = true;
      apply();
    }

    @Override
    public synchronized void resumeReading() {
      paused = false;
      apply();
    }

    private void apply() {
      if (host != null) {
        host.connections().forEach(c -> c.setReading(!paused));
      }
    }
  }

  /** Hands transport events to the router (which the transport cannot know at construction). */
  private final class Listener implements MeshsubTransport.RpcListener {
    @Override
    public void onRpc(final PeerId from, final GossipRpc rpc) {
      final PeerRateLimiter.Admission admission = rateLimiter.admit(from, rpc);
      if (!admission.dropped().isEmpty()) {
        admission.dropped().forEach(m -> events.rateLimited(m.topic()));
        router.onRateLimited(from, admission.dropped().size());
      }
      router.onRpc(from, admission.admitted());
    }

    @Override
    public void onMalformedRpc(final PeerId peer, final DecodeException problem) {
      router.onMalformedRpc(peer, problem);
    }

    @Override
    public void onOutboundStream(final PeerId peer) {
      router.onOutboundStream(peer);
    }

    @Override
    public void onPeerGone(final PeerId peer) {
      router.onPeerGone(peer);
    }
  }
}
