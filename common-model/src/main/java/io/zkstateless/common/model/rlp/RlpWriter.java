package io.zkstateless.common.model.rlp;

import java.math.BigInteger;
import java.util.List;

/** Canonical RLP encoding of byte strings, unsigned scalars and lists. */
public final class RlpWriter {

  private static final int SHORT_STRING = 0x80;
  private static final int LONG_STRING = 0xb7;
  private static final int SHORT_LIST = 0xc0;
  private static final int LONG_LIST = 0xf7;
  private static final int SHORT_MAX_LENGTH = 55;

  private RlpWriter() {}

  public static byte[] encodeBytes(final byte[] bytes) {
    if (bytes.length == 1 && (bytes[0] & 0xff) < SHORT_STRING) {
      return bytes.clone();
    }
    return withHeader(SHORT_STRING, LONG_STRING, bytes);
  }

  /** An unsigned scalar: big-endian without leading zeros; zero is the empty string. */
  public static byte[] encodeLong(final long value) {
    if (value < 0) {
      throw new IllegalArgumentException("RLP scalars are unsigned, got " + value);
    }
    return encodeBytes(minimalBigEndian(value));
  }

  /** An unsigned scalar: big-endian without leading zeros; zero is the empty string. */
  public static byte[] encodeBigInteger(final BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("RLP scalars are unsigned, got " + value);
    }
    final byte[] twosComplement = value.toByteArray();
    final int skip = twosComplement[0] == 0 ? 1 : 0;
    final byte[] magnitude = new byte[twosComplement.length - skip];
    System.arraycopy(twosComplement, skip, magnitude, 0, magnitude.length);
    return encodeBytes(magnitude);
  }

  /** A list of items that are already encoded. */
  public static byte[] encodeList(final List<byte[]> encodedItems) {
    int total = 0;
    for (final byte[] item : encodedItems) {
      total = Math.addExact(total, item.length);
    }
    final byte[] payload = new byte[total];
    int offset = 0;
    for (final byte[] item : encodedItems) {
      System.arraycopy(item, 0, payload, offset, item.length);
      offset += item.length;
    }
    return withHeader(SHORT_LIST, LONG_LIST, payload);
  }

  public static byte[] encodeList(final byte[]... encodedItems) {
    return encodeList(List.of(encodedItems));
  }

  public static byte[] encode(final RlpItem item) {
    return switch (item) {
      case RlpBytes bytes -> encodeBytes(bytes.unsafeBytes());
      case RlpList list -> encodeList(list.items().stream().map(RlpWriter::encode).toList());
    };
  }

  private static byte[] withHeader(final int shortBase, final int longBase, final byte[] payload) {
    final byte[] header;
    if (payload.length <= SHORT_MAX_LENGTH) {
      header = new byte[] {(byte) (shortBase + payload.length)};
    } else {
      final byte[] length = minimalBigEndian(payload.length);
      header = new byte[1 + length.length];
      header[0] = (byte) (longBase + length.length);
      System.arraycopy(length, 0, header, 1, length.length);
    }
    final byte[] out = new byte[header.length + payload.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(payload, 0, out, header.length, payload.length);
    return out;
  }

  private static byte[] minimalBigEndian(final long value) {
    final int size = (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
    final byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[size - 1 - i] = (byte) (value >>> (8 * i));
    }
    return out;
  }
}
