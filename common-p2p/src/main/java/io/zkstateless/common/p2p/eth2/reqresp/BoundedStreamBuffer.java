package io.zkstateless.common.p2p.eth2.reqresp;

import io.netty.buffer.ByteBuf;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.io.ByteArrayOutputStream;

/**
 * Collects one side of a req/resp stream until the peer half-closes, refusing more bytes than a
 * single message of the method's type may take on the wire.
 */
final class BoundedStreamBuffer {

  private final int maxBytes;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  BoundedStreamBuffer(final int maxBytes) {
    this.maxBytes = maxBytes;
  }

  void append(final ByteBuf data) {
    if ((long) bytes.size() + data.readableBytes() > maxBytes) {
      throw new P2pProtocolException(
          "eth2 req/resp", bytes.size(), "more than " + maxBytes + " bytes on one stream");
    }
    final byte[] chunk = new byte[data.readableBytes()];
    data.readBytes(chunk);
    bytes.writeBytes(chunk);
  }

  boolean isEmpty() {
    return bytes.size() == 0;
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
