package io.zkstateless.common.p2p.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What yamux and mplex streams share: a bounded send queue drained as the muxer's flow control (if
 * any) and the connection's writability allow, half-close and reset bookkeeping, and handler calls
 * whose failures reset only this stream. Everything runs on the connection's event loop.
 */
public abstract class AbstractMuxedStream implements MuxedStream {

  /**
   * Bytes a writer may queue beyond what can go out now; a write that would queue more fails. A
   * single write larger than this is still accepted on an empty queue: one gossip RPC may carry a
   * 10 MiB payload, and a stream must be able to send its largest message at all. 4 MiB holds a
   * burst of a dozen 300 KiB proofs while the peer's window reopens.
   */
  public static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  /**
   * Largest data frame we send, so one stream cannot hog the connection. With its muxer header (12
   * bytes for yamux, at most 19 for mplex) a frame still fits one Noise message (65,519 bytes of
   * plaintext), so it is encrypted as one message instead of a full one and a 20-byte one.
   */
  public static final int MAX_FRAME_DATA = 65_519 - 19;

  private static final Logger LOG = LoggerFactory.getLogger(AbstractMuxedStream.class);

  private final Channel channel;
  private final long id;
  private final boolean initiator;
  private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
  private StreamHandler handler;
  private long pendingBytes;
  private boolean finQueued;
  private boolean finSent;
  private boolean remoteClosed;
  private boolean reset;

  protected AbstractMuxedStream(
      final Channel channel, final long id, final boolean initiator, final StreamHandler handler) {
    this.channel = channel;
    this.id = id;
    this.initiator = initiator;
    this.handler = handler;
  }

  /** How many bytes the muxer lets us send now ({@link Long#MAX_VALUE} without flow control). */
  protected abstract long sendAllowance();

  /** Writes one data frame of {@code chunk} (taking ownership) and uses up its allowance. */
  protected abstract ChannelFuture writeData(ByteBuf chunk);

  /** Writes the half-close frame. */
  protected abstract void writeFin();

  /** Writes the reset frame. */
  protected abstract void writeReset();

  /** Forgets this stream in the session. */
  protected abstract void removeFromSession();

  @Override
  public final long id() {
    return id;
  }

  @Override
  public final boolean isInitiator() {
    return initiator;
  }

  @Override
  public final SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  @Override
  public final void setHandler(final StreamHandler newHandler) {
    this.handler = newHandler;
  }

  @Override
  public final CompletableFuture<Void> write(final ByteBuf data) {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop(
        () -> {
          if (reset || finQueued) {
            data.release();
            done.completeExceptionally(
                new IllegalStateException("stream " + id + " is closed for writing"));
            return;
          }
          if (!data.isReadable()) {
            data.release();
            done.complete(null);
            return;
          }
          if (pendingBytes > 0 && pendingBytes + data.readableBytes() > MAX_PENDING_BYTES) {
            data.release();
            done.completeExceptionally(
                new IllegalStateException("stream " + id + " send buffer full"));
            return;
          }
          pendingBytes += data.readableBytes();
          pending.add(new PendingWrite(data, done));
          flushPending();
        });
    return done;
  }

  @Override
  public final void closeWrite() {
    onLoop(
        () -> {
          if (!reset && !finQueued) {
            finQueued = true;
            flushPending();
          }
        });
  }

  @Override
  public final void reset() {
    onLoop(
        () -> {
          if (!reset) {
            writeReset();
            channel.flush();
            terminate();
          }
        });
  }

  /** Sends what flow control and the connection allow, then the FIN once everything is out. */
  public final void flushPending() {
    boolean wrote = false;
    while (!reset && !pending.isEmpty() && sendAllowance() > 0 && channel.isWritable()) {
      final PendingWrite head = pending.peek();
      final int n =
          (int) Math.min(Math.min(head.data.readableBytes(), sendAllowance()), MAX_FRAME_DATA);
      pendingBytes -= n;
      final ChannelFuture written = writeData(head.data.readRetainedSlice(n));
      if (!head.data.isReadable()) {
        pending.poll();
        head.data.release();
        written.addListener(
            f -> {
              if (f.isSuccess()) {
                head.done.complete(null);
              } else {
                head.done.completeExceptionally(f.cause());
              }
            });
      }
      wrote = true;
    }
    if (!reset && finQueued && !finSent && pending.isEmpty()) {
      finSent = true;
      writeFin();
      wrote = true;
      removeIfDone();
    }
    if (wrote) {
      channel.flush();
    }
  }

  /**
   * Hands received bytes to the handler.
   *
   * @throws P2pProtocolException if the peer already half-closed (a connection-level violation)
   */
  protected final void onData(final ByteBuf data, final String format) {
    if (remoteClosed) {
      throw new P2pProtocolException(format, 0, "data after half-close on stream " + id);
    }
    deliver(() -> handler.onData(this, data));
  }

  protected final void onRemoteFin() {
    if (!remoteClosed) {
      remoteClosed = true;
      deliver(() -> handler.onRemoteClose(this));
      removeIfDone();
    }
  }

  protected final boolean isReset() {
    return reset;
  }

  /** Ends the stream: pending writes fail, the handler hears {@code onReset}. Idempotent. */
  public final void terminate() {
    if (reset) {
      return;
    }
    reset = true;
    final IllegalStateException closed = new IllegalStateException("stream " + id + " reset");
    pending.forEach(
        w -> {
          w.data.release();
          w.done.completeExceptionally(closed);
        });
    pending.clear();
    pendingBytes = 0;
    removeFromSession();
    if (handler != null) {
      try {
        handler.onReset(this);
      } catch (final RuntimeException e) {
        LOG.warn("Stream handler failed on reset of stream {}", id, e);
      }
    }
  }

  private void removeIfDone() {
    if (finSent && remoteClosed) {
      removeFromSession();
    }
  }

  /** Runs a handler callback; a failure resets this stream only, never the connection. */
  private void deliver(final Runnable callback) {
    if (handler == null || reset) {
      return;
    }
    try {
      callback.run();
    } catch (final RuntimeException e) {
      if (e instanceof P2pProtocolException) {
        LOG.debug("Resetting stream {} to {}: {}", id, remotePeerId(), e.getMessage());
      } else {
        LOG.warn("Stream handler failed on stream {}; resetting it", id, e);
      }
      writeReset();
      terminate();
    }
  }

  private void onLoop(final Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }

  private record PendingWrite(ByteBuf data, CompletableFuture<Void> done) {}
}
