package io.zkstateless.common.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * multistream-select 1.0 framing: {@code uvarint(len) ‖ utf8(line) ‖ '\n'}, the length counting the
 * newline. Lines are bounded (js-libp2p and go-libp2p cap protocol ids at 1024 bytes).
 */
final class MultistreamMessages {

  static final String FORMAT = "multistream-select";
  static final int MAX_MESSAGE_BYTES = 1024;

  private MultistreamMessages() {}

  static void write(final ByteBuf out, final String line) {
    final byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    if (utf8.length + 1 > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "multistream line longer than " + MAX_MESSAGE_BYTES + ": " + line);
    }
    Uvarint.write(utf8.length + 1, out);
    out.writeBytes(utf8);
    out.writeByte('\n');
  }

  /**
   * Reads one complete message from {@code in}, or returns {@code null} (consuming nothing) if it
   * has not fully arrived.
   *
   * @param offset bytes of this negotiation consumed before {@code in}'s reader index, for errors
   * @throws P2pProtocolException on a bad length, a missing newline or invalid UTF-8
   */
  static String read(final ByteBuf in, final long offset) {
    final Uvarint.Decoded length = Uvarint.peek(in, FORMAT);
    if (length == null) {
      return null;
    }
    if (length.value() < 1 || length.value() > MAX_MESSAGE_BYTES) {
      throw new P2pProtocolException(
          FORMAT, offset, "message length " + length.value() + " not in 1.." + MAX_MESSAGE_BYTES);
    }
    final int total = length.length() + (int) length.value();
    if (in.readableBytes() < total) {
      return null;
    }
    final byte[] body = new byte[(int) length.value()];
    in.getBytes(in.readerIndex() + length.length(), body);
    if (body[body.length - 1] != '\n') {
      throw new P2pProtocolException(FORMAT, offset, "message does not end with a newline");
    }
    final String line = decodeUtf8(body, offset);
    if (line.indexOf('\n') >= 0) {
      throw new P2pProtocolException(FORMAT, offset, "message holds more than one line");
    }
    in.skipBytes(total);
    return line;
  }

  private static String decodeUtf8(final byte[] body, final long offset) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(body, 0, body.length - 1))
          .toString();
    } catch (final CharacterCodingException e) {
      throw new P2pProtocolException(FORMAT, offset, "message is not valid UTF-8", e);
    }
  }
}
