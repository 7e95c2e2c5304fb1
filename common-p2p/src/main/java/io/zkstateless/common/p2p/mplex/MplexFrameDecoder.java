package io.zkstateless.common.p2p.mplex;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.util.List;

/**
 * Splits the decrypted byte stream into {@link MplexFrame}s. mplex has no flow control, so the
 * message size bound (1 MiB, as js-libp2p and go-libp2p use) is what keeps a peer from making us
 * buffer without limit.
 */
final class MplexFrameDecoder extends ByteToMessageDecoder {

  static final String FORMAT = "mplex";
  static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private long offset;
  private boolean failed;

  @Override
  protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    final int start = in.readerIndex();
    try {
      final Uvarint.Decoded header = Uvarint.peek(in, FORMAT);
      if (header == null) {
        return;
      }
      final int flag = (int) (header.value() & 7);
      if (flag > MplexFrame.RESET_INITIATOR) {
        throw new P2pProtocolException(FORMAT, offset, "unknown flag " + flag);
      }
      in.skipBytes(header.length());
      final Uvarint.Decoded length = Uvarint.peek(in, FORMAT);
      if (length == null) {
        in.readerIndex(start);
        return;
      }
      if (length.value() > MAX_MESSAGE_BYTES) {
        throw new P2pProtocolException(
            FORMAT, offset, "message of " + length.value() + " bytes exceeds " + MAX_MESSAGE_BYTES);
      }
      if (in.readableBytes() < length.length() + length.value()) {
        in.readerIndex(start);
        return;
      }
      in.skipBytes(length.length());
      final ByteBuf data = in.readRetainedSlice((int) length.value());
      offset += in.readerIndex() - start;
      out.add(new MplexFrame(header.value() >>> 3, flag, data));
    } catch (final P2pProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }
}
