package io.zkstateless.common.p2p.encoding;

import io.netty.buffer.ByteBuf;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.io.ByteArrayOutputStream;

/**
 * The multiformats unsigned varint: little-endian groups of 7 bits, at most 9 bytes (63 bits), and
 * minimally encoded (the spec forbids trailing zero groups, which would give one value many
 * encodings).
 */
public final class Uvarint {

  /** Longest legal encoding in bytes. */
  public static final int MAX_BYTES = 9;

  private Uvarint() {}

  /** Number of bytes {@code value} takes. */
  public static int size(final long value) {
    requireNonNegative(value);
    int size = 1;
    long rest = value >>> 7;
    while (rest != 0) {
      size++;
      rest >>>= 7;
    }
    return size;
  }

  public static byte[] encode(final long value) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
    write(value, out);
    return out.toByteArray();
  }

  public static void write(final long value, final ByteArrayOutputStream out) {
    requireNonNegative(value);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  public static void write(final long value, final ByteBuf out) {
    requireNonNegative(value);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.writeByte((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.writeByte((int) rest);
  }

  /**
   * Decodes the varint at {@code offset}. Returns the value and the number of bytes read, or {@code
   * null} if the input ends before the varint does (so a stream decoder can wait for more).
   *
   * @throws P2pProtocolException if the encoding is longer than 9 bytes or not minimal
   */
  public static Decoded decode(final byte[] in, final int offset, final String format) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= in.length) {
        return null;
      }
      final int b = in[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new P2pProtocolException(format, offset, "varint is not minimally encoded");
        }
        return new Decoded(value, i + 1);
      }
    }
    throw new P2pProtocolException(format, offset, "varint longer than " + MAX_BYTES + " bytes");
  }

  /**
   * Decodes a varint from the readable bytes of {@code in} without consuming them; {@code null} if
   * incomplete.
   */
  public static Decoded peek(final ByteBuf in, final String format) {
    final int start = in.readerIndex();
    final int available = Math.min(in.readableBytes(), MAX_BYTES);
    final byte[] head = new byte[available];
    in.getBytes(start, head);
    final Decoded decoded = decode(head, 0, format);
    if (decoded == null && available == MAX_BYTES) {
      throw new P2pProtocolException(format, start, "varint longer than " + MAX_BYTES + " bytes");
    }
    return decoded;
  }

  private static void requireNonNegative(final long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uvarint cannot encode negative " + value);
    }
  }

  /** A decoded value and how many bytes its encoding took. */
  public record Decoded(long value, int length) {}
}
