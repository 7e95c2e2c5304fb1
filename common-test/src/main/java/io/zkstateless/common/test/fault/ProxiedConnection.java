package io.zkstateless.common.test.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One client connection and its upstream twin, pumped both ways under the current toxics. */
final class ProxiedConnection {

  private static final int CHUNK = 16 * 1024;
  /** Chunks in flight per direction (1 MiB): the link's buffer, beyond which the sender waits. */
  private static final int QUEUED_CHUNKS = 64;
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

  /**
   * One direction: a reader stamps each chunk with the time it may leave (arrival plus latency and
   * jitter, never before the chunk ahead of it) and a writer sends it then, under the bandwidth
   * cap. Latency is pipelined, as on a real link: a stream of many chunks is delayed once, not once
   * per chunk (which would turn a latency into a throughput cap of one chunk per latency). The
   * queue between them is bounded, so a slow writer pushes back on the sender through TCP.
   */
  private void pump(final Socket from, final Socket to) {
    final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    final Thread writer = Thread.ofVirtual().name("fault-proxy-write").start(() -> write(queue, to));
    final byte[] buffer = new byte[CHUNK];
    try {
      final InputStream in = from.getInputStream();
      long lastDue = System.nanoTime();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        final Toxics now = toxics.get();
        switch (now.mode()) {
          case CUT -> throw new IOException("cut");
          case BLACK_HOLE -> {
            lostBytes = true;
            continue;
          }
          case PASS -> { }
        }
        lastDue = Math.max(lastDue, System.nanoTime() + now.latency().toNanos() + jitterNanos(now));
        queue.put(new Chunk(Arrays.copyOf(buffer, read), lastDue));
      }
      // The sender finished: what is queued still goes out, then the writer closes both sides.
      queue.put(Chunk.END);
    } catch (final IOException | InterruptedException e) {
      // The peer or a cut closed the connection: both sides go down together.
      close();
      writer.interrupt();
    }
  }

  private void write(final BlockingQueue<Chunk> queue, final Socket to) {
    try {
      final OutputStream out = to.getOutputStream();
      Chunk chunk;
      while ((chunk = queue.take()) != Chunk.END) {
        final long wait = chunk.dueNanos() - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        forward(chunk.bytes(), out);
      }
    } catch (final IOException | InterruptedException e) {
      // Closed by the other direction or a cut.
    } finally {
      close();
      // Unblocks a reader waiting for room; its next read fails on the closed socket.
      queue.clear();
    }
  }

  private void forward(final byte[] bytes, final OutputStream out) throws IOException, InterruptedException {
    final Toxics now = toxics.get();
    switch (now.mode()) {
      case CUT -> throw new IOException("cut");
      case BLACK_HOLE -> {
        lostBytes = true;
        return;
      }
      case PASS -> { }
    }
    if (now.bytesPerSecond() == 0) {
      out.write(bytes);
      out.flush();
      return;
    }
    final int slice = (int) Math.max(1, Math.min(CHUNK, now.bytesPerSecond() / SLICES_PER_SECOND));
    for (int offset = 0; offset < bytes.length; offset += slice) {
      final int n = Math.min(slice, bytes.length - offset);
      out.write(bytes, offset, n);
      out.flush();
      // Sleeping after each slice for its share of a second keeps the rate at or under the cap.
      TimeUnit.NANOSECONDS.sleep(n * 1_000_000_000L / now.bytesPerSecond());
    }
  }

  /** Bytes read from one side, and when they may be written to the other. */
  private record Chunk(byte[] bytes, long dueNanos) {
    static final Chunk END = new Chunk(new byte[0], 0);
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
