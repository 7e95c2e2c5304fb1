package io.zkstateless.common.model.ssz;

import java.util.Arrays;

/**
 * An immutable sequence of bits: the value of a {@code Bitvector[N]} or {@code Bitlist[limit]}. Bit
 * {@code i} is bit {@code i % 8} of byte {@code i / 8} (SSZ order); bits past {@link #size()} in
 * the last byte are always zero.
 */
public final class Bitfield {

  private final int size;
  private final byte[] bytes;

  private Bitfield(final int size, final byte[] bytes) {
    this.size = size;
    this.bytes = bytes;
  }

  /** All bits clear. */
  public static Bitfield empty(final int size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative bit count " + size);
    }
    return new Bitfield(size, new byte[byteLength(size)]);
  }

  public static Bitfield of(final boolean... bits) {
    final byte[] bytes = new byte[byteLength(bits.length)];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        bytes[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return new Bitfield(bits.length, bytes);
  }

  /**
   * {@code size} bits taken from packed bytes (no delimiter).
   *
   * @throws IllegalArgumentException if the length is not {@code ceil(size / 8)} or a bit past
   *     {@code size} is set
   */
  public static Bitfield fromBytes(final int size, final byte[] packed) {
    if (size < 0 || packed.length != byteLength(size)) {
      throw new IllegalArgumentException(
          size + " bits need " + byteLength(size) + " bytes, got " + packed.length);
    }
    if (size % 8 != 0 && (packed[packed.length - 1] & 0xff) >>> (size % 8) != 0) {
      throw new IllegalArgumentException("bits set beyond bit " + size);
    }
    return new Bitfield(size, packed.clone());
  }

  static int byteLength(final int bitCount) {
    return (bitCount + 7) >>> 3;
  }

  public int size() {
    return size;
  }

  public boolean get(final int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("bit " + index + " of " + size);
    }
    return (bytes[index >>> 3] & (1 << (index & 7))) != 0;
  }

  /** A copy with bit {@code index} set to {@code value}. */
  public Bitfield with(final int index, final boolean value) {
    get(index);
    final byte[] copy = bytes.clone();
    if (value) {
      copy[index >>> 3] |= (byte) (1 << (index & 7));
    } else {
      copy[index >>> 3] &= (byte) ~(1 << (index & 7));
    }
    return new Bitfield(size, copy);
  }

  /** Packed bits, {@code ceil(size / 8)} bytes, without a delimiter. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  void copyTo(final byte[] out, final int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
  }

  byte[] packedView() {
    return bytes;
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof Bitfield that && size == that.size && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * size + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    final StringBuilder out = new StringBuilder(size + 2).append("0b");
    for (int i = 0; i < size; i++) {
      out.append(get(i) ? '1' : '0');
    }
    return out.toString();
  }
}
