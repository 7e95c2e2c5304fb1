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
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.multiformats.MultiaddrProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP on Netty NIO: binds listeners, dials, caps the number of open sockets, and hands every new
 * socket to the {@link ConnectionUpgrader}. Upgraded connections go to {@code onConnected}. {@link
 * #close()} closes every socket and stops the event loop threads.
 */
final class TcpTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

  private final HostConfig config;
  private final ConnectionUpgrader upgrader;
  private final Consumer<Connection> onConnected;
  private final EventLoopGroup group;
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final AtomicInteger socketCount = new AtomicInteger();

  TcpTransport(
      final HostConfig config,
      final ConnectionUpgrader upgrader,
      final Consumer<Connection> onConnected) {
    this.config = config;
    this.upgrader = upgrader;
    this.onConnected = onConnected;
    this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
  }

  /** Binds {@code address}; completes with the bound address (the actual port for port 0). */
  CompletableFuture<Multiaddr> listen(final Multiaddr address) {
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
          bound.complete(
              Multiaddr.fromTcpSocket((InetSocketAddress) future.channel().localAddress()));
        });
    return bound;
  }

  CompletableFuture<Connection> dial(final Multiaddr address) {
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

  /** Runs {@code task} on an I/O thread after {@code delay}. */
  void schedule(final Runnable task, final Duration delay) {
    group.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
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
                  onConnected.accept(connection);
                  if (result != null) {
                    result.complete(connection);
                  }
                });
      }
    };
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
