package io.zkstateless.common.p2p.noise;

import com.southernstorm.noise.protocol.CipherState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Noise transport messages: inbound frames are decrypted (a failure is a protocol violation, the
 * stream is unrecoverable); outbound bytes are encrypted in chunks that fit one 65535-byte message,
 * each framed with its 2-byte length.
 */
public final class NoiseCipherCodec extends MessageToMessageCodec<ByteBuf, ByteBuf> {

  public static final String NAME = "noise-cipher";
  static final int TAG = 16;
  static final int MAX_PLAINTEXT = NoiseXxHandshake.MAX_MESSAGE - TAG;

  private final CipherState sender;
  private final CipherState receiver;
  private long framesIn;

  NoiseCipherCodec(final NoiseSession session) {
    this.sender = session.sender();
    this.receiver = session.receiver();
  }

  @Override
  protected void decode(
      final ChannelHandlerContext ctx, final ByteBuf frame, final List<Object> out) {
    final int length = frame.readableBytes();
    if (length < TAG) {
      throw new P2pProtocolException(
          NoiseXxHandshake.FORMAT,
          framesIn,
          "transport message of " + length + " bytes is shorter than its tag");
    }
    final byte[] buffer = new byte[length];
    frame.readBytes(buffer);
    final int plain;
    try {
      plain = receiver.decryptWithAd(null, buffer, 0, buffer, 0, length);
    } catch (final GeneralSecurityException | IllegalStateException e) {
      throw new P2pProtocolException(
          NoiseXxHandshake.FORMAT, framesIn, "transport message does not decrypt", e);
    }
    framesIn++;
    if (plain > 0) {
      out.add(ctx.alloc().buffer(plain).writeBytes(buffer, 0, plain));
    }
  }

  @Override
  protected void encode(final ChannelHandlerContext ctx, final ByteBuf msg, final List<Object> out)
      throws GeneralSecurityException {
    if (!msg.isReadable()) {
      out.add(Unpooled.EMPTY_BUFFER);
      return;
    }
    final byte[] buffer = new byte[Math.min(msg.readableBytes(), MAX_PLAINTEXT) + TAG];
    while (msg.isReadable()) {
      final int chunk = Math.min(msg.readableBytes(), MAX_PLAINTEXT);
      msg.readBytes(buffer, 0, chunk);
      final int sealed = sender.encryptWithAd(null, buffer, 0, buffer, 0, chunk);
      out.add(NoiseFrames.frame(ctx.alloc(), buffer, sealed));
    }
  }
}
