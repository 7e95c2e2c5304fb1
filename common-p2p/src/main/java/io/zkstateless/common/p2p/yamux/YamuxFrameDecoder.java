package io.zkstateless.common.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.util.List;

/**
 * Splits the decrypted byte stream into {@link YamuxFrame}s. A Data frame can never be larger than
 * the receive window we granted, so anything larger is rejected before it is buffered.
 */
final class YamuxFrameDecoder extends ByteToMessageDecoder {

  static final String FORMAT = "yamux";

  private final long maxDataLength;
  private long offset;
  private boolean failed;

  YamuxFrameDecoder(final long maxDataLength) {
    this.maxDataLength = maxDataLength;
  }

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < YamuxFrame.HEADER_BYTES) {
      return;
    }
    final int start = in.readerIndex();
    final int version = in.getUnsignedByte(start);
    final int type = in.getUnsignedByte(start + 1);
    final int flags = in.getUnsignedShort(start + 2);
    final long streamId = in.getUnsignedInt(start + 4);
    final long length = in.getUnsignedInt(start + 8);
    if (version != YamuxFrame.VERSION) {
      throw violation(in, "unsupported version " + version);
    }
    if (type > YamuxFrame.TYPE_GO_AWAY) {
      throw violation(in, "unknown frame type " + type);
    }
    if (type != YamuxFrame.TYPE_DATA) {
      in.skipBytes(YamuxFrame.HEADER_BYTES);
      offset += YamuxFrame.HEADER_BYTES;
      out.add(new YamuxFrame(type, flags, streamId, length, null));
      return;
    }
    if (length > maxDataLength) {
      throw violation(in, "data frame of " + length + " bytes exceeds the window " + maxDataLength);
    }
    if (in.readableBytes() < YamuxFrame.HEADER_BYTES + length) {
      return;
    }
    in.skipBytes(YamuxFrame.HEADER_BYTES);
    out.add(new YamuxFrame(type, flags, streamId, length, in.readRetainedSlice((int) length)));
    offset += YamuxFrame.HEADER_BYTES + length;
  }

  private P2pProtocolException violation(final ByteBuf in, final String problem) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return new P2pProtocolException(FORMAT, offset, problem);
  }
}
