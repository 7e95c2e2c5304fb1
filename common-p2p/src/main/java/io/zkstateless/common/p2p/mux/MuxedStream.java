package io.zkstateless.common.p2p.mux;

import io.netty.buffer.ByteBuf;
import io.zkstateless.common.p2p.crypto.PeerId;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One bidirectional stream of a multiplexed, authenticated connection. All callbacks run on the
 * connection's event loop; methods may be called from any thread.
 */
public interface MuxedStream {

  /** The muxer's stream id. */
  long id();

  /** Whether we opened this stream. */
  boolean isInitiator();

  /** The authenticated peer at the other end of the connection. */
  PeerId remotePeerId();

  /** The remote end of the underlying connection, as the socket sees it. */
  SocketAddress remoteAddress();

  /**
   * Replaces the handler that receives this stream's events. Call it on the event loop (from a
   * stream callback or an open/accept initializer), or events may reach the previous handler.
   */
  void setHandler(StreamHandler handler);

  /**
   * Queues {@code data} (taking ownership) for sending as flow control allows. The future completes
   * when the last byte has been handed to the connection, or fails if the stream is closed or reset
   * first, or its send buffer is full.
   */
  CompletableFuture<Void> write(ByteBuf data);

  /** Half-closes: no more writes from us; queued data is still sent. */
  void closeWrite();

  /** Aborts the stream in both directions. */
  void reset();
}
