package io.zkstateless.common.p2p.host;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.identify.IdentifyProtocol;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.multiformats.MultiaddrProtocol;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamNegotiation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p node on TCP: listens and dials (Netty NIO), upgrades every connection to Noise + yamux,
 * and answers inbound streams with the registered {@link ProtocolHandler}s. {@link #close()} stops
 * everything, including the event loop threads.
 */
public final class Host implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final HostConfig config;
  private final PeerId peerId;
  private final Map<String, ProtocolHandler> protocols;
  private final EventLoopGroup group;
  private final ConnectionUpgrader upgrader;
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger socketCount = new AtomicInteger();
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final List<Consumer<Connection>> connectionListeners = new CopyOnWriteArrayList<>();

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
    this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    this.upgrader =
        new ConnectionUpgrader(
            config.identity(), config.upgradeTimeout(), config.muxers(), this::acceptStream);
  }

  public PeerId peerId() {
    return peerId;
  }

  /** Listens on an {@code /ip4/.../tcp/<port>} or {@code /ip6/...} address; port 0 picks one. */
  public CompletableFuture<Multiaddr> listen(final Multiaddr address) {
    final ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(initializer(false, Optional.empty(), null));
    final CompletableFuture<Multiaddr> bound = new CompletableFuture<>();
    final ChannelFuture future = bootstrap.bind(socketAddress(address));
    future.addListener(
        f -> {
          if (!f.isSuccess()) {
            bound.completeExceptionally(f.cause());
            return;
          }
          channels.add(future.channel());
          final Multiaddr local =
              Multiaddr.fromTcpSocket((InetSocketAddress) future.channel().localAddress());
          listenAddresses.add(local);
          bound.complete(local);
        });
    return bound;
  }

  /**
   * Dials a TCP multiaddr; a trailing {@code /p2p/<id>} makes Noise check that the peer is who we
   * meant to reach.
   */
  public CompletableFuture<Connection> dial(final Multiaddr address) {
    final CompletableFuture<Connection> result = new CompletableFuture<>();
    final Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.upgradeTimeout().toMillis())
            .handler(initializer(true, address.peerId(), result));
    bootstrap
        .connect(socketAddress(address))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
              }
            });
    return result;
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
    new ArrayList<>(channels).forEach(Channel::close);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private ChannelInitializer<SocketChannel> initializer(
      final boolean dialer,
      final Optional<PeerId> expected,
      final CompletableFuture<Connection> result) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(final SocketChannel channel) {
        if (socketCount.incrementAndGet() > config.maxConnections()) {
          socketCount.decrementAndGet();
          LOG.debug("Refusing {}: {} connections open", channel, config.maxConnections());
          channel.close();
          if (result != null) {
            result.completeExceptionally(
                new IllegalStateException(
                    "connection limit " + config.maxConnections() + " reached"));
          }
          return;
        }
        channels.add(channel);
        channel
            .closeFuture()
            .addListener(
                f -> {
                  channels.remove(channel);
                  socketCount.decrementAndGet();
                });
        upgrader
            .upgrade(channel, dialer, expected)
            .whenComplete(
                (connection, error) -> {
                  if (error != null) {
                    LOG.debug("Upgrade of {} failed: {}", channel, error.toString());
                    if (result != null) {
                      result.completeExceptionally(error);
                    }
                    return;
                  }
                  connections.add(connection);
                  channel.closeFuture().addListener(f -> connections.remove(connection));
                  LOG.debug("Connected {}", connection);
                  notifyConnected(connection);
                  if (result != null) {
                    result.complete(connection);
                  }
                });
      }
    };
  }

  private void notifyConnected(final Connection connection) {
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
    group.schedule(
        () -> {
          if (!negotiation.isDone()) {
            LOG.debug("Resetting a stream from {} that chose no protocol", stream.remotePeerId());
            stream.reset();
          }
        },
        config.upgradeTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static InetSocketAddress socketAddress(final Multiaddr address) {
    final int port =
        Integer.parseInt(
            address
                .valueOf(MultiaddrProtocol.TCP)
                .orElseThrow(() -> new IllegalArgumentException("not a TCP address: " + address)));
    final Optional<String> ip =
        address.valueOf(MultiaddrProtocol.IP4).or(() -> address.valueOf(MultiaddrProtocol.IP6));
    if (ip.isPresent()) {
      return new InetSocketAddress(ip.get(), port);
    }
    final String host =
        address
            .valueOf(MultiaddrProtocol.DNS4)
            .or(() -> address.valueOf(MultiaddrProtocol.DNS6))
            .or(() -> address.valueOf(MultiaddrProtocol.DNS))
            .orElseThrow(() -> new IllegalArgumentException("no host in " + address));
    return InetSocketAddress.createUnresolved(host, port);
  }
}
