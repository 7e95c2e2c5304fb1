package io.zkstateless.common.test.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 between a service and one of its dependencies, whose faults a test
 * switches at runtime (Toxiproxy-style): latency with jitter, a bandwidth cap, a cut and a black
 * hole. Point the service at {@link #port()} instead of the dependency.
 *
 * <p>A cut closes every open connection and closes new ones as soon as they are accepted (the
 * client sees EOF or a reset, as when a server dies), rather than unbinding the port, so that
 * {@link #restore()} can never lose the port to another process. A black hole keeps connections
 * open and reads them, but forwards nothing: the silent failure only timeouts and stall detection
 * catch. Restoring closes the connections that lost bytes in the black hole, since their streams
 * are corrupt; a real network partition ends the same way, with the peers timing out.
 *
 * <p>One virtual thread per direction per connection; all methods are thread-safe.
 */
public final class FaultProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final AtomicReference<Toxics> toxics = new AtomicReference<>(Toxics.NONE);
  private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private FaultProxy(final InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("fault-proxy-accept-" + server.getLocalPort()).start(this::acceptLoop);
  }

  /** A proxy in front of {@code host:port}, passing bytes unchanged until a fault is set. */
  public static FaultProxy to(final String host, final int port) {
    try {
      return new FaultProxy(new InetSocketAddress(host, port));
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot open a fault proxy to " + host + ":" + port, e);
    }
  }

  /** The local port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code 127.0.0.1:port}, for bootstrap-server style settings. */
  public String hostAndPort() {
    return "127.0.0.1:" + port();
  }

  public Toxics toxics() {
    return toxics.get();
  }

  /** Delays every forwarded chunk by {@code latency} plus up to {@code jitter}, each direction. */
  public FaultProxy latency(final Duration latency, final Duration jitter) {
    toxics.updateAndGet(t -> t.withLatency(latency, jitter));
    return this;
  }

  /** Caps each connection's throughput, each direction, to {@code bytesPerSecond} (0: no cap). */
  public FaultProxy bandwidth(final long bytesPerSecond) {
    toxics.updateAndGet(t -> t.withBandwidth(bytesPerSecond));
    return this;
  }

  /** Closes every connection now and every new one on accept, until {@link #restore()}. */
  public FaultProxy cut() {
    toxics.updateAndGet(t -> t.withMode(Toxics.Mode.CUT));
    connections.forEach(ProxiedConnection::close);
    return this;
  }

  /** Swallows all bytes both ways on open and new connections, closing none, until {@link #restore()}. */
  public FaultProxy blackHole() {
    toxics.updateAndGet(t -> t.withMode(Toxics.Mode.BLACK_HOLE));
    return this;
  }

  /** Removes every fault; connections that lost bytes in a black hole are closed. */
  public FaultProxy restore() {
    toxics.set(Toxics.NONE);
    connections.stream().filter(ProxiedConnection::lostBytes).forEach(ProxiedConnection::close);
    return this;
  }

  /** Connections currently open through the proxy. */
  public int openConnections() {
    return connections.size();
  }

  /** Connections accepted since the proxy started, including those a cut closed at once. */
  public long acceptedConnections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      final Socket client;
      try {
        client = server.accept();
      } catch (final IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
      accepted.incrementAndGet();
      if (toxics.get().mode() == Toxics.Mode.CUT) {
        ProxiedConnection.closeQuietly(client);
        continue;
      }
      Thread.ofVirtual().name("fault-proxy-open-" + port()).start(() -> open(client));
    }
  }

  private void open(final Socket client) {
    final Socket target = new Socket();
    try {
      target.connect(upstream, 5_000);
    } catch (final IOException e) {
      // The dependency itself is down: the client sees what it would see without the proxy.
      ProxiedConnection.closeQuietly(client);
      ProxiedConnection.closeQuietly(target);
      return;
    }
    final ProxiedConnection connection = new ProxiedConnection(client, target, toxics::get, connections::remove);
    connections.add(connection);
    if (closed || toxics.get().mode() == Toxics.Mode.CUT) {
      connection.close();
      return;
    }
    connection.start();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (final IOException e) {
      // Closing anyway.
    }
    connections.forEach(ProxiedConnection::close);
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
