package io.zkstateless.common.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Noise transport messages: inbound frames are decrypted (a failure is a protocol violation, the
 * stream is unrecoverable); outbound bytes are encrypted in chunks that fit one 65535-byte message,
 * each framed with its 2-byte length. Both work straight between Netty buffers, without copies
 * through arrays.
 */
public final class NoiseCipherCodec extends MessageToMessageCodec<ByteBuf, ByteBuf> {

  public static final String NAME = "noise-cipher";
  static final int TAG = NoiseTransportCipher.TAG;
  static final int MAX_PLAINTEXT = NoiseXxHandshake.MAX_MESSAGE - TAG;

  private final NoiseTransportCipher sender;
  private final NoiseTransportCipher receiver;
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
    final int plain = length - TAG;
    final ByteBuf decrypted = ctx.alloc().buffer(plain);
    try {
      receiver.decrypt(frame.nioBuffer(), decrypted.nioBuffer(0, plain));
    } catch (final AEADBadTagException e) {
      decrypted.release();
      throw new P2pProtocolException(
          NoiseXxHandshake.FORMAT, framesIn, "transport message does not decrypt", e);
    }
    frame.skipBytes(length);
    framesIn++;
    if (plain > 0) {
      out.add(decrypted.writerIndex(plain));
    } else {
      decrypted.release();
    }
  }

  @Override
  protected void encode(
      final ChannelHandlerContext ctx, final ByteBuf msg, final List<Object> out) {
    if (!msg.isReadable()) {
      out.add(Unpooled.EMPTY_BUFFER);
      return;
    }
    while (msg.isReadable()) {
      final int chunk = Math.min(msg.readableBytes(), MAX_PLAINTEXT);
      final ByteBuf frame = ctx.alloc().buffer(2 + chunk + TAG);
      frame.writeShort(chunk + TAG);
      // A muxer frame is header and data side by side: encrypt the parts, do not merge them.
      sender.encrypt(msg.nioBuffers(msg.readerIndex(), chunk), frame.nioBuffer(2, chunk + TAG));
      msg.skipBytes(chunk);
      out.add(frame.writerIndex(2 + chunk + TAG));
    }
  }
}
