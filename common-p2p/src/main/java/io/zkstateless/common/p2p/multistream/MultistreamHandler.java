package io.zkstateless.common.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link MultistreamNegotiator} on a Netty channel. Once a protocol is selected it calls
 * {@link ProtocolSelectedListener#selected} (which installs the next handlers behind this one) and
 * removes itself; {@link ByteToMessageDecoder} then passes any bytes that arrived with the deciding
 * message on to those handlers, so nothing pipelined is lost.
 */
public final class MultistreamHandler extends ByteToMessageDecoder {

  private final MultistreamNegotiator negotiator;
  private final ProtocolSelectedListener listener;
  private boolean started;
  private boolean failed;

  public MultistreamHandler(
      final MultistreamNegotiator negotiator, final ProtocolSelectedListener listener) {
    this.negotiator = negotiator;
    this.listener = listener;
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(final ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    final ByteBuf reply = ctx.alloc().buffer();
    final Optional<String> selected;
    try {
      selected = negotiator.receive(in, reply);
    } catch (final RuntimeException e) {
      failed = true;
      reply.release();
      in.skipBytes(in.readableBytes());
      throw e;
    }
    if (reply.isReadable()) {
      ctx.writeAndFlush(reply);
    } else {
      reply.release();
    }
    if (selected.isPresent()) {
      listener.selected(ctx, selected.get());
      ctx.pipeline().remove(this);
    }
  }

  private void start(final ChannelHandlerContext ctx) {
    if (!started) {
      started = true;
      ctx.writeAndFlush(negotiator.start(ctx.alloc()));
    }
  }

  /** Installs whatever speaks the selected protocol, after the multistream handler. */
  @FunctionalInterface
  public interface ProtocolSelectedListener {
    void selected(ChannelHandlerContext ctx, String protocol);
  }
}
