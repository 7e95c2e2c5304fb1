package io.zkstateless.common.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One yamux stream. Sending respects the peer's window and the connection's writability: bytes wait
 * in a bounded queue until both allow them. Receiving enforces our window, delivers data to the
 * handler and re-opens the window once half of it has been consumed.
 */
final class YamuxStream implements MuxedStream {

  /** Bytes a writer may queue beyond what flow control lets out; more fails the write. */
  static final int MAX_PENDING_BYTES = 1024 * 1024;

  /** Largest Data frame we send, so one stream cannot hog the connection. */
  static final int MAX_FRAME_DATA = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(YamuxStream.class);

  private final YamuxSession session;
  private final long id;
  private final boolean initiator;
  private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
  private StreamHandler handler;
  private long sendWindow = YamuxSession.INITIAL_WINDOW;
  private long receiveWindow = YamuxSession.INITIAL_WINDOW;
  private long pendingBytes;
  private boolean finQueued;
  private boolean finSent;
  private boolean remoteClosed;
  private boolean reset;

  YamuxStream(
      final YamuxSession session,
      final long id,
      final boolean initiator,
      final StreamHandler handler) {
    this.session = session;
    this.id = id;
    this.initiator = initiator;
    this.handler = handler;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public boolean isInitiator() {
    return initiator;
  }

  @Override
  public PeerId remotePeerId() {
    return session.remotePeer();
  }

  @Override
  public SocketAddress remoteAddress() {
    return session.remoteAddress();
  }

  @Override
  public void setHandler(final StreamHandler newHandler) {
    this.handler = newHandler;
  }

  @Override
  public CompletableFuture<Void> write(final ByteBuf data) {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop(
        () -> {
          if (reset || finQueued) {
            data.release();
            done.completeExceptionally(
                new IllegalStateException("stream " + id + " is closed for writing"));
            return;
          }
          if (pendingBytes + data.readableBytes() > MAX_PENDING_BYTES) {
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
  public void closeWrite() {
    onLoop(
        () -> {
          if (!reset && !finQueued) {
            finQueued = true;
            flushPending();
          }
        });
  }

  @Override
  public void reset() {
    onLoop(
        () -> {
          if (!reset) {
            session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0, null);
            session.flush();
            terminate();
          }
        });
  }

  void onFrame(final YamuxFrame frame) {
    if (frame.type() == YamuxFrame.TYPE_WINDOW_UPDATE) {
      sendWindow += frame.length();
      if (sendWindow > 0xFFFFFFFFL) {
        throw new P2pProtocolException(
            YamuxFrameDecoder.FORMAT, 0, "send window of stream " + id + " overflows");
      }
    } else if (frame.length() > 0) {
      onData(frame);
    }
    if (frame.has(YamuxFrame.FLAG_RST)) {
      terminate();
      return;
    }
    if (frame.has(YamuxFrame.FLAG_FIN) && !remoteClosed) {
      remoteClosed = true;
      deliver(() -> handler.onRemoteClose(this));
      removeIfDone();
    }
    flushPending();
  }

  private void onData(final YamuxFrame frame) {
    if (frame.length() > receiveWindow) {
      throw new P2pProtocolException(
          YamuxFrameDecoder.FORMAT,
          0,
          "stream " + id + " sent " + frame.length() + " bytes into a window of " + receiveWindow);
    }
    if (remoteClosed) {
      throw new P2pProtocolException(YamuxFrameDecoder.FORMAT, 0, "data after FIN on stream " + id);
    }
    receiveWindow -= frame.length();
    deliver(() -> handler.onData(this, frame.data()));
    if (!reset && receiveWindow <= YamuxSession.INITIAL_WINDOW / 2) {
      final long delta = YamuxSession.INITIAL_WINDOW - receiveWindow;
      receiveWindow = YamuxSession.INITIAL_WINDOW;
      session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, 0, id, delta, null);
    }
  }

  /** Sends what flow control and the connection allow, then the FIN once everything is out. */
  void flushPending() {
    boolean wrote = false;
    while (!reset && !pending.isEmpty() && sendWindow > 0 && session.isWritable()) {
      final PendingWrite head = pending.peek();
      final int n = (int) Math.min(Math.min(head.data.readableBytes(), sendWindow), MAX_FRAME_DATA);
      final ByteBuf chunk = head.data.readRetainedSlice(n);
      sendWindow -= n;
      pendingBytes -= n;
      final boolean last = !head.data.isReadable();
      final ChannelFuture written = session.writeFrame(YamuxFrame.TYPE_DATA, 0, id, n, chunk);
      if (last) {
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
      session.writeFrame(YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_FIN, id, 0, null);
      wrote = true;
      removeIfDone();
    }
    if (wrote) {
      session.flush();
    }
  }

  void connectionClosed() {
    terminate();
  }

  private void terminate() {
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
    session.removeStream(this);
    if (handler != null) {
      final StreamHandler last = handler;
      try {
        last.onReset(this);
      } catch (final RuntimeException e) {
        LOG.warn("Stream handler failed on reset of stream {}", id, e);
      }
    }
  }

  private void removeIfDone() {
    if (finSent && remoteClosed) {
      session.removeStream(this);
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
        LOG.debug("Resetting stream {} to {}: {}", id, session.remotePeer(), e.getMessage());
      } else {
        LOG.warn("Stream handler failed on stream {}; resetting it", id, e);
      }
      session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0, null);
      terminate();
    }
  }

  private void onLoop(final Runnable task) {
    if (session.inEventLoop()) {
      task.run();
    } else {
      session.execute(task);
    }
  }

  private record PendingWrite(ByteBuf data, CompletableFuture<Void> done) {}
}
