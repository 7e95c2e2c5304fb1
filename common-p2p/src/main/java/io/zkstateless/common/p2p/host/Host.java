package io.zkstateless.common.p2p.host;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamNegotiation;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p node: listens and dials over {@link TcpTransport}, upgrades every connection to Noise
 * and a muxer, keeps the open connections, and answers inbound streams with the registered {@link
 * ProtocolHandler}s (identify always among them). {@link #close()} stops everything, including the
 * event loop threads.
 */
public final class Host implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final HostConfig config;
  private final PeerId peerId;
  private final Map<String, ProtocolHandler> protocols;
  private final TcpTransport transport;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final List<Consumer<Connection>> connectionListeners = new CopyOnWriteArrayList<>();
  private final ConnectionRejections rejections = new ConnectionRejections();

  public Host(final HostConfig config) {
    this.config = config;
    this.peerId = PeerId.fromPublicKey(config.identity().publicKey());
    final List<ProtocolHandler> handlers = new ArrayList<>(config.protocols());
    // Identify is always on: gossipsub peers require it to learn what we speak.
    handlers.add(
        new IdentifyProtocol(
            config.identity().publicKey().toProtobuf(), this::listenAddresses, this::protocolIds));
    this.protocols =
        handlers.stream()
            .collect(
                Collectors.toUnmodifiableMap(ProtocolHandler::protocolId, Function.identity()));
    final ConnectionUpgrader upgrader =
        new ConnectionUpgrader(
            config.identity(),
            config.upgradeTimeout(),
            config.muxers(),
            this::acceptStream,
            rejections);
    this.transport = new TcpTransport(config, upgrader, this::onConnected);
  }

  public PeerId peerId() {
    return peerId;
  }

  /** Connections closed for what their peers sent (or for our own errors). */
  public ConnectionRejections rejections() {
    return rejections;
  }

  /** Listens on an {@code /ip4/.../tcp/<port>} or {@code /ip6/...} address; port 0 picks one. */
  public CompletableFuture<Multiaddr> listen(final Multiaddr address) {
    return transport
        .listen(address)
        .thenApply(
            bound -> {
              listenAddresses.add(bound);
              return bound;
            });
  }

  /**
   * Dials a TCP multiaddr; a trailing {@code /p2p/<id>} makes Noise check that the peer is who we
   * meant to reach.
   */
  public CompletableFuture<Connection> dial(final Multiaddr address) {
    return transport.dial(address);
  }

  /**
   * Calls {@code listener} with every new upgraded connection, inbound or outbound, on that
   * connection's event loop (protocols that open their own streams, like gossipsub, start here).
   */
  public void addConnectionListener(final Consumer<Connection> listener) {
    connectionListeners.add(listener);
  }

  /** The addresses we listen on, with the actual ports. */
  public List<Multiaddr> listenAddresses() {
    return List.copyOf(listenAddresses);
  }

  /** The protocol ids we answer, sorted. */
  public List<String> protocolIds() {
    return protocols.keySet().stream().sorted().toList();
  }

  public Set<Connection> connections() {
    return Set.copyOf(connections);
  }

  @Override
  public void close() {
    transport.close();
  }

  private void onConnected(final Connection connection) {
    connections.add(connection);
    connection.closeFuture().thenRun(() -> connections.remove(connection));
    LOG.debug("Connected {}", connection);
    for (final Consumer<Connection> listener : connectionListeners) {
      try {
        listener.accept(connection);
      } catch (final RuntimeException e) {
        LOG.warn("Connection listener failed for {}", connection, e);
      }
    }
  }

  private void acceptStream(final MuxedStream stream) {
    final StreamNegotiation negotiation =
        StreamNegotiation.start(
            stream,
            MultistreamNegotiator.listener(List.copyOf(protocols.keySet())),
            (s, protocol) -> protocols.get(protocol).accept(s),
            error ->
                LOG.debug(
                    "Inbound stream from {} failed: {}", stream.remotePeerId(), error.toString()));
    // A peer that opens streams and never picks a protocol would otherwise hold them forever.
    transport.schedule(
        () -> {
          if (!negotiation.isDone()) {
            LOG.debug("Resetting a stream from {} that chose no protocol", stream.remotePeerId());
            stream.reset();
          }
        },
        config.upgradeTimeout());
  }
}
