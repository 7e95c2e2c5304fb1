package io.zkstateless.common.model.bytes;

import java.util.Arrays;

/**
 * An immutable byte string of any length: a transaction, a trie node, an RLP blob. Fixed-size
 * values with their own meaning (roots, hashes) use {@link Bytes32} instead.
 */
public final class Bytes implements Comparable<Bytes> {

  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(final byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}. */
  public static Bytes wrap(final byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** Copies {@code length} bytes of {@code source} from {@code offset}. */
  public static Bytes wrap(final byte[] source, final int offset, final int length) {
    if (offset < 0 || length < 0 || source.length - offset < length) {
      throw new IllegalArgumentException(
          "Range [" + offset + ", +" + length + ") outside " + source.length + " bytes");
    }
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(source, offset, offset + length));
  }

  /** Parses {@code 0x}-prefixed or bare hex. */
  public static Bytes fromHex(final String hex) {
    final byte[] decoded = Hex.decode(hex);
    return decoded.length == 0 ? EMPTY : new Bytes(decoded);
  }

  public int size() {
    return bytes.length;
  }

  public byte get(final int index) {
    return bytes[index];
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Copies all bytes into {@code target} at {@code offset}. */
  public void copyTo(final byte[] target, final int offset) {
    System.arraycopy(bytes, 0, target, offset, bytes.length);
  }

  public String toHexString() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(final Bytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return bytes.length <= 64
        ? toHexString()
        : Hex.encode(Arrays.copyOf(bytes, 32)) + "..(" + bytes.length + " bytes)";
  }
}
