package io.zkstateless.common.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;

/**
 * Runs {@link NoiseXxHandshake} on frames from {@link NoiseFrames#decoder()}. When the handshake
 * completes it replaces itself with a {@link NoiseCipherCodec} and tells the listener, which
 * installs the next layer after the codec. Frames that arrive pipelined behind the last handshake
 * message already reach the codec, because the frame decoder dispatches them one by one.
 */
public final class NoiseHandshakeHandler extends ChannelInboundHandlerAdapter {

  private final NoiseXxHandshake handshake;
  private final SecuredListener listener;
  private boolean started;

  public NoiseHandshakeHandler(final NoiseXxHandshake handshake, final SecuredListener listener) {
    this.handshake = handshake;
    this.listener = listener;
  }

  @Override
  public void handlerAdded(final ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(final ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
    final byte[] message;
    final ByteBuf frame = (ByteBuf) msg;
    try {
      message = ByteBufUtil.getBytes(frame);
    } finally {
      frame.release();
    }
    final Optional<byte[]> reply = handshake.read(message);
    reply.ifPresent(r -> ctx.writeAndFlush(NoiseFrames.frame(ctx.alloc(), r, r.length)));
    if (handshake.isComplete()) {
      final NoiseSession session = handshake.session();
      final NoiseCipherCodec codec = new NoiseCipherCodec(session);
      ctx.pipeline().replace(this, NoiseCipherCodec.NAME, codec);
      listener.secured(ctx.pipeline().context(codec), session);
    }
  }

  private void start(final ChannelHandlerContext ctx) {
    if (!started) {
      started = true;
      handshake
          .start()
          .ifPresent(m -> ctx.writeAndFlush(NoiseFrames.frame(ctx.alloc(), m, m.length)));
    }
  }

  /** Installs the layer above Noise, after the codec whose context it gets. */
  @FunctionalInterface
  public interface SecuredListener {
    void secured(ChannelHandlerContext codecContext, NoiseSession session);
  }
}
