package io.zkstateless.common.model.ssz;

/** The 4-byte little-endian offsets that point from a fixed part into the variable part. */
final class SszOffsets {

  static final int OFFSET_SIZE = 4;

  private SszOffsets() {}

  static void write(final long value, final byte[] out, final int offset) {
    if (value > 0xffffffffL) {
      throw new IllegalArgumentException("SSZ offset " + value + " exceeds 2^32 - 1");
    }
    for (int i = 0; i < OFFSET_SIZE; i++) {
      out[offset + i] = (byte) (value >>> (8 * i));
    }
  }

  /**
   * Reads the offset stored at {@code at} and checks it against its neighbours: it may not point
   * before {@code previous} (offsets never decrease) nor past the end of the input.
   */
  static int read(final SszInput input, final int at, final long previous, final String name) {
    final long offset = input.littleEndian(at, OFFSET_SIZE);
    if (offset < previous) {
      throw input.error(
          at, "offset of " + name + " is " + offset + ", before the previous offset " + previous);
    }
    if (offset > input.length()) {
      throw input.error(
          at, "offset of " + name + " is " + offset + ", past the end at " + input.length());
    }
    return (int) offset;
  }
}
