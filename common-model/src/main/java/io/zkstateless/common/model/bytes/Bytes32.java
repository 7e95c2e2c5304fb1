package io.zkstateless.common.model.bytes;

import java.util.Arrays;

/** An immutable 32-byte value: a hash, a root, a block hash. */
public final class Bytes32 implements Comparable<Bytes32> {

  public static final int SIZE = 32;
  public static final Bytes32 ZERO = new Bytes32(new byte[SIZE]);

  private final byte[] bytes;

  private Bytes32(final byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies exactly 32 bytes. */
  public static Bytes32 wrap(final byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("Bytes32 needs 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** Copies 32 bytes starting at {@code offset}. */
  public static Bytes32 wrap(final byte[] source, final int offset) {
    if (offset < 0 || source.length - offset < SIZE) {
      throw new IllegalArgumentException(
          "Bytes32 needs 32 bytes at offset " + offset + " of " + source.length);
    }
    return new Bytes32(Arrays.copyOfRange(source, offset, offset + SIZE));
  }

  /** Parses {@code 0x}-prefixed or bare hex of exactly 64 digits. */
  public static Bytes32 fromHex(final String hex) {
    return wrap(Hex.decode(hex));
  }

  /** A copy of the 32 bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(final byte[] target, final int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  public byte get(final int index) {
    return bytes[index];
  }

  public String toHexString() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof Bytes32 that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(final Bytes32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toHexString();
  }
}
