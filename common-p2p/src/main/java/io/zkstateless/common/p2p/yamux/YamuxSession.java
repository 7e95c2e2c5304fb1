package io.zkstateless.common.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.MuxerSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A yamux session ({@code /yamux/1.0.0}) over a secured channel. The dialer uses odd stream ids,
 * the listener even ones; new inbound streams go to the acceptor (which must set a handler) and are
 * ACKed, or RST when too many are open. Pings are answered and a go-away closes the session.
 */
public final class YamuxSession extends ChannelInboundHandlerAdapter implements MuxerSession {

  public static final String PROTOCOL_ID = "/yamux/1.0.0";
  static final int INITIAL_WINDOW = 256 * 1024;
  static final int MAX_STREAMS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);

  private final boolean client;
  private final PeerId remotePeer;
  private final Consumer<MuxedStream> acceptor;
  private final Map<Long, YamuxStream> streams = new HashMap<>();
  private long nextStreamId;
  private long highestRemoteId;
  private ChannelHandlerContext ctx;

  public YamuxSession(
      final boolean client, final PeerId remotePeer, final Consumer<MuxedStream> acceptor) {
    this.client = client;
    this.remotePeer = remotePeer;
    this.acceptor = acceptor;
    this.nextStreamId = client ? 1 : 2;
  }

  /** Adds the frame decoder and this session after {@code ctx}. */
  @Override
  public void install(final ChannelPipeline pipeline, final String afterName) {
    pipeline.addAfter(afterName, "yamux-session", this);
    pipeline.addAfter(afterName, "yamux-frames", new YamuxFrameDecoder(INITIAL_WINDOW));
  }

  @Override
  public PeerId remotePeer() {
    return remotePeer;
  }

  /**
   * Opens an outbound stream. {@code init} runs on the event loop right after the SYN is queued and
   * before any frame of the peer can be processed, so the handler it sets sees every byte.
   */
  @Override
  public CompletableFuture<MuxedStream> openStream(final Consumer<MuxedStream> init) {
    final CompletableFuture<MuxedStream> result = new CompletableFuture<>();
    if (ctx == null) {
      result.completeExceptionally(new IllegalStateException("yamux session not installed"));
      return result;
    }
    ctx.executor()
        .execute(
            () -> {
              if (!ctx.channel().isActive()) {
                result.completeExceptionally(new IllegalStateException("connection closed"));
                return;
              }
              if (streams.size() >= MAX_STREAMS) {
                result.completeExceptionally(new IllegalStateException("too many open streams"));
                return;
              }
              final YamuxStream stream =
                  new YamuxStream(this, ctx.channel(), nextStreamId, true, null);
              nextStreamId += 2;
              streams.put(stream.id(), stream);
              writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, stream.id(), 0, null);
              try {
                init.accept(stream);
              } catch (final RuntimeException e) {
                stream.reset();
                result.completeExceptionally(e);
                return;
              } finally {
                flush();
              }
              result.complete(stream);
            });
    return result;
  }

  /** Sends a go-away and closes the connection. */
  @Override
  public void close() {
    ctx.executor()
        .execute(
            () -> {
              writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_NORMAL, null);
              ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
            });
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelRead(final ChannelHandlerContext context, final Object msg) {
    final YamuxFrame frame = (YamuxFrame) msg;
    try {
      switch (frame.type()) {
        case YamuxFrame.TYPE_PING -> onPing(frame);
        case YamuxFrame.TYPE_GO_AWAY -> {
          LOG.debug("{} sent go-away code {}", remotePeer, frame.length());
          context.close();
        }
        default -> onStreamFrame(frame);
      }
    } finally {
      if (frame.data() != null) {
        frame.data().release();
      }
    }
    flush();
  }

  @Override
  public void channelWritabilityChanged(final ChannelHandlerContext context) {
    if (context.channel().isWritable()) {
      new ArrayList<>(streams.values()).forEach(YamuxStream::flushPending);
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(final ChannelHandlerContext context) {
    final ArrayList<YamuxStream> open = new ArrayList<>(streams.values());
    streams.clear();
    open.forEach(YamuxStream::terminate);
    context.fireChannelInactive();
  }

  private void onPing(final YamuxFrame frame) {
    if (frame.streamId() != 0) {
      throw new P2pProtocolException(
          YamuxFrameDecoder.FORMAT, 0, "ping on stream " + frame.streamId());
    }
    if (frame.has(YamuxFrame.FLAG_SYN)) {
      writeFrame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_ACK, 0, frame.length(), null);
    }
  }

  private void onStreamFrame(final YamuxFrame frame) {
    final long id = frame.streamId();
    if (id == 0) {
      throw new P2pProtocolException(
          YamuxFrameDecoder.FORMAT, 0, "data or window update on stream 0");
    }
    YamuxStream stream = streams.get(id);
    if (frame.has(YamuxFrame.FLAG_SYN)) {
      if (stream != null || (id & 1) == (client ? 1 : 0) || id <= highestRemoteId) {
        throw new P2pProtocolException(YamuxFrameDecoder.FORMAT, 0, "invalid new stream id " + id);
      }
      highestRemoteId = id;
      if (streams.size() >= MAX_STREAMS) {
        writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0, null);
        return;
      }
      stream = new YamuxStream(this, ctx.channel(), id, false, null);
      streams.put(id, stream);
      writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_ACK, id, 0, null);
      acceptor.accept(stream);
    }
    if (stream == null) {
      // A stream we already closed or reset; the peer may not have seen that yet.
      LOG.trace("Ignoring frame for closed stream {}", id);
      return;
    }
    stream.onFrame(frame);
  }

  ChannelFuture writeFrame(
      final int type, final int flags, final long streamId, final long length, final ByteBuf data) {
    final ByteBuf header = ctx.alloc().buffer(YamuxFrame.HEADER_BYTES);
    YamuxFrame.writeHeader(header, type, flags, streamId, length);
    return ctx.write(data == null ? header : Unpooled.wrappedBuffer(header, data));
  }

  void flush() {
    ctx.flush();
  }

  void removeStream(final YamuxStream stream) {
    streams.remove(stream.id(), stream);
  }
}
