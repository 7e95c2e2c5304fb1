package io.zkstateless.common.p2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** The libp2p Noise framing: every handshake and transport message behind a 2-byte BE length. */
public final class NoiseFrames {

  private NoiseFrames() {}

  /** Splits the byte stream into Noise messages; a 2-byte length can never exceed the maximum. */
  public static LengthFieldBasedFrameDecoder decoder() {
    return new LengthFieldBasedFrameDecoder(NoiseXxHandshake.MAX_MESSAGE + 2, 0, 2, 0, 2);
  }

  static ByteBuf frame(final ByteBufAllocator alloc, final byte[] message, final int length) {
    final ByteBuf out = alloc.buffer(2 + length);
    out.writeShort(length);
    out.writeBytes(message, 0, length);
    return out;
  }
}
