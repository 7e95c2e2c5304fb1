package io.zkstateless.validator.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Opens TCP connections one after another and writes junk before any handshake (a multistream
 * length of 4 GiB, or random bytes), until the victim closes each.
 */
final class JunkConnections {
  private final int port;
  final AtomicLong connections = new AtomicLong();
  private final Random random = new Random(7);

  JunkConnections(final int port) {
    this.port = port;
  }

  void run(final BooleanSupplier stop) {
    while (!stop.getAsBoolean()) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(5_000);
        final byte[] junk = new byte[256];
        random.nextBytes(junk);
        if (connections.get() % 2 == 0) {
          junk[0] = (byte) 0xff;
          junk[1] = (byte) 0xff;
          junk[2] = (byte) 0xff;
          junk[3] = 0x0f;
        } else {
          junk[0] = 0x13; // the length of "/multistream/1.0.0\n", then not that
        }
        final OutputStream out = socket.getOutputStream();
        out.write(junk);
        out.flush();
        connections.incrementAndGet();
        while (socket.getInputStream().read() >= 0) {
          // until the victim closes it
        }
      } catch (final IOException e) {
        // refused or reset: the victim's business
      }
    }
  }
}
