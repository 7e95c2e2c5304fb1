package io.zkstateless.common.test.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One client connection and its upstream twin, pumped both ways under the current toxics. */
final class ProxiedConnection {

  private static final int CHUNK = 16 * 1024;
  /** Pacing granularity of the bandwidth cap: slices of a twentieth of a second's allowance. */
  private static final int SLICES_PER_SECOND = 20;

  private final Socket client;
  private final Socket target;
  private final Supplier<Toxics> toxics;
  private final Consumer<ProxiedConnection> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean lostBytes;

  ProxiedConnection(
      final Socket client, final Socket target, final Supplier<Toxics> toxics, final Consumer<ProxiedConnection> onClose) {
    this.client = client;
    this.target = target;
    this.toxics = toxics;
    this.onClose = onClose;
  }

  void start() {
    Thread.ofVirtual().name("fault-proxy-up").start(() -> pump(client, target));
    Thread.ofVirtual().name("fault-proxy-down").start(() -> pump(target, client));
  }

  boolean lostBytes() {
    return lostBytes;
  }

  private void pump(final Socket from, final Socket to) {
    final byte[] buffer = new byte[CHUNK];
    try {
      final InputStream in = from.getInputStream();
      final OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        forward(buffer, read, out);
      }
    } catch (final IOException | InterruptedException e) {
      // The peer or a cut closed the connection: both sides go down together below.
    } finally {
      close();
    }
  }

  private void forward(final byte[] buffer, final int length, final OutputStream out)
      throws IOException, InterruptedException {
    final Toxics now = toxics.get();
    switch (now.mode()) {
      case CUT -> throw new IOException("cut");
      case BLACK_HOLE -> {
        lostBytes = true;
        return;
      }
      case PASS -> { }
    }
    final long latencyNanos = now.latency().toNanos() + jitterNanos(now);
    if (latencyNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(latencyNanos);
    }
    if (now.bytesPerSecond() == 0) {
      out.write(buffer, 0, length);
      out.flush();
      return;
    }
    final int slice = (int) Math.max(1, Math.min(CHUNK, now.bytesPerSecond() / SLICES_PER_SECOND));
    for (int offset = 0; offset < length; offset += slice) {
      final int n = Math.min(slice, length - offset);
      out.write(buffer, offset, n);
      out.flush();
      // Sleeping after each slice for its share of a second keeps the rate at or under the cap.
      TimeUnit.NANOSECONDS.sleep(n * 1_000_000_000L / now.bytesPerSecond());
    }
  }

  private static long jitterNanos(final Toxics now) {
    final long jitter = now.jitter().toNanos();
    return jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1);
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(client);
      closeQuietly(target);
      onClose.accept(this);
    }
  }

  static void closeQuietly(final Socket socket) {
    try {
      socket.close();
    } catch (final IOException e) {
      // Already closed or broken; nothing left to release.
    }
  }
}
