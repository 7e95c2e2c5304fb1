package io.zkstateless.common.p2p.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.util.function.Consumer;

/**
 * Reads {@code uvarint(length) ‖ message} frames off a stream (gossipsub RPCs, identify) and hands
 * each complete message on. A length above the maximum is rejected as soon as its prefix arrives,
 * so at most one maximal message is ever buffered.
 */
public final class LengthPrefixedReader implements StreamHandler {

  private final String format;
  private final int maxMessageBytes;
  private final Consumer<byte[]> onMessage;
  private final ByteBuf buffer = Unpooled.buffer();
  private long consumed;

  public LengthPrefixedReader(
      final String format, final int maxMessageBytes, final Consumer<byte[]> onMessage) {
    this.format = format;
    this.maxMessageBytes = maxMessageBytes;
    this.onMessage = onMessage;
  }

  @Override
  public void onData(final MuxedStream stream, final ByteBuf data) {
    if (buffer.refCnt() == 0) {
      // Already failed; the stream is being reset.
      return;
    }
    buffer.writeBytes(data);
    while (true) {
      final Uvarint.Decoded length = Uvarint.peek(buffer, format);
      if (length == null) {
        break;
      }
      if (length.value() > maxMessageBytes) {
        release();
        throw new P2pProtocolException(
            format, consumed, "message of " + length.value() + " bytes exceeds " + maxMessageBytes);
      }
      final int total = length.length() + (int) length.value();
      if (buffer.readableBytes() < total) {
        break;
      }
      buffer.skipBytes(length.length());
      final byte[] message = new byte[(int) length.value()];
      buffer.readBytes(message);
      consumed += total;
      onMessage.accept(message);
    }
    buffer.discardReadBytes();
  }

  @Override
  public void onRemoteClose(final MuxedStream stream) {
    final boolean partial = buffer.refCnt() > 0 && buffer.isReadable();
    release();
    if (partial) {
      throw new P2pProtocolException(format, consumed, "stream closed inside a message");
    }
  }

  @Override
  public void onReset(final MuxedStream stream) {
    release();
  }

  private void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
