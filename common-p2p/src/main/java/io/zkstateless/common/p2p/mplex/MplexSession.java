package io.zkstateless.common.p2p.mplex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.encoding.Uvarint;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.MuxerSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An mplex session ({@code /mplex/6.7.0}), which Lodestar still requires. Each side numbers the
 * streams it opens from 0; the flag of every frame says which side's numbering its id belongs to.
 * Inbound streams beyond the limit are reset at once.
 */
public final class MplexSession extends ChannelInboundHandlerAdapter implements MuxerSession {

  public static final String PROTOCOL_ID = "/mplex/6.7.0";
  static final int MAX_STREAMS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(MplexSession.class);

  private final PeerId remotePeer;
  private final Consumer<MuxedStream> acceptor;
  private final Map<Long, MplexStream> ours = new HashMap<>();
  private final Map<Long, MplexStream> theirs = new HashMap<>();
  private long nextStreamId;
  private ChannelHandlerContext ctx;

  public MplexSession(final PeerId remotePeer, final Consumer<MuxedStream> acceptor) {
    this.remotePeer = remotePeer;
    this.acceptor = acceptor;
  }

  @Override
  public void install(final ChannelPipeline pipeline, final String after) {
    pipeline.addAfter(after, "mplex-session", this);
    pipeline.addAfter(after, "mplex-frames", new MplexFrameDecoder());
  }

  @Override
  public PeerId remotePeer() {
    return remotePeer;
  }

  @Override
  public CompletableFuture<MuxedStream> openStream(final Consumer<MuxedStream> init) {
    final CompletableFuture<MuxedStream> result = new CompletableFuture<>();
    if (ctx == null) {
      result.completeExceptionally(new IllegalStateException("mplex session not installed"));
      return result;
    }
    ctx.executor()
        .execute(
            () -> {
              if (!ctx.channel().isActive() || ours.size() >= MAX_STREAMS) {
                result.completeExceptionally(
                    new IllegalStateException("connection closed or too many open streams"));
                return;
              }
              final long id = nextStreamId++;
              final MplexStream stream = new MplexStream(this, ctx.channel(), id, true, null);
              ours.put(id, stream);
              final byte[] name = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
              writeFrame(id, MplexFrame.NEW_STREAM, Unpooled.wrappedBuffer(name));
              try {
                init.accept(stream);
              } catch (final RuntimeException e) {
                stream.reset();
                result.completeExceptionally(e);
                return;
              } finally {
                ctx.flush();
              }
              result.complete(stream);
            });
    return result;
  }

  @Override
  public void close() {
    ctx.executor().execute(() -> ctx.close());
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelRead(final ChannelHandlerContext context, final Object msg) {
    final MplexFrame frame = (MplexFrame) msg;
    try {
      onFrame(frame);
    } finally {
      frame.data().release();
    }
    context.flush();
  }

  @Override
  public void channelWritabilityChanged(final ChannelHandlerContext context) {
    if (context.channel().isWritable()) {
      allStreams().forEach(MplexStream::flushPending);
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(final ChannelHandlerContext context) {
    final ArrayList<MplexStream> open = allStreams();
    ours.clear();
    theirs.clear();
    open.forEach(MplexStream::terminate);
    context.fireChannelInactive();
  }

  private void onFrame(final MplexFrame frame) {
    final long id = frame.streamId();
    if (frame.flag() == MplexFrame.NEW_STREAM) {
      if (theirs.containsKey(id)) {
        throw new P2pProtocolException(MplexFrameDecoder.FORMAT, 0, "stream " + id + " reopened");
      }
      if (theirs.size() >= MAX_STREAMS) {
        writeFrame(id, MplexFrame.RESET_RECEIVER, null);
        return;
      }
      final MplexStream stream = new MplexStream(this, ctx.channel(), id, false, null);
      theirs.put(id, stream);
      acceptor.accept(stream);
      return;
    }
    // A frame from the opener concerns a stream the peer opened, and vice versa.
    final MplexStream stream = (frame.fromInitiator() ? theirs : ours).get(id);
    if (stream == null) {
      LOG.trace("Ignoring mplex frame for closed stream {}", id);
      return;
    }
    stream.onFrame(frame);
  }

  ChannelFuture writeFrame(final long streamId, final int flag, final ByteBuf data) {
    final int length = data == null ? 0 : data.readableBytes();
    final ByteBuf header = ctx.alloc().buffer(2 * Uvarint.MAX_BYTES);
    Uvarint.write(streamId << 3 | flag, header);
    Uvarint.write(length, header);
    return ctx.write(data == null ? header : Unpooled.wrappedBuffer(header, data));
  }

  void removeStream(final MplexStream stream) {
    (stream.isInitiator() ? ours : theirs).remove(stream.id(), stream);
  }

  private ArrayList<MplexStream> allStreams() {
    final ArrayList<MplexStream> all = new ArrayList<>(ours.values());
    all.addAll(theirs.values());
    return all;
  }
}
