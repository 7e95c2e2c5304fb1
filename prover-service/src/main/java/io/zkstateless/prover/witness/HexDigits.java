package io.zkstateless.prover.witness;

import java.util.Arrays;

/** Hex decoding from a parser's character buffer, without building a String per value. */
final class HexDigits {

  private static final byte[] VALUES = new byte[128];

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 10; i++) {
      VALUES['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      VALUES['a' + i] = (byte) (10 + i);
      VALUES['A' + i] = (byte) (10 + i);
    }
  }

  private HexDigits() {}

  /**
   * Decodes an even number of digits into {@code target}.
   *
   * @return -1 on success, else the index (from {@code offset}) of the first invalid digit
   */
  static int decode(
      final char[] source,
      final int offset,
      final int digitCount,
      final byte[] target,
      final int targetOffset) {
    for (int i = 0; i < digitCount; i += 2) {
      final int high = value(source[offset + i]);
      if (high < 0) {
        return i;
      }
      final int low = value(source[offset + i + 1]);
      if (low < 0) {
        return i + 1;
      }
      target[targetOffset + (i >>> 1)] = (byte) ((high << 4) | low);
    }
    return -1;
  }

  private static int value(final char c) {
    return c < 128 ? VALUES[c] : -1;
  }
}
