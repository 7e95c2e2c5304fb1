package io.zkstateless.common.test.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP echo server on 127.0.0.1 that counts the bytes it receives. */
final class EchoServer implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicLong received = new AtomicLong();

  EchoServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  long received() {
    return received.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        final Socket socket = server.accept();
        Thread.ofVirtual().start(() -> echo(socket));
      } catch (final IOException e) {
        return;
      }
    }
  }

  private void echo(final Socket socket) {
    try (socket) {
      final InputStream in = socket.getInputStream();
      final OutputStream out = socket.getOutputStream();
      final byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        received.addAndGet(read);
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (final IOException e) {
      // The client or the proxy went away.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
