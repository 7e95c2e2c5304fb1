package io.zkstateless.common.model.bytes;

import java.util.Arrays;

/**
 * An immutable byte string of any length: the value type of SSZ {@code ByteList} and {@code
 * ByteVector} fields such as {@code proof_data}. Copies on the way in and on the way out, so a
 * decoded value can be shared between threads and cached without defensive copies by callers.
 */
public final class ImmutableBytes {

  public static final ImmutableBytes EMPTY = new ImmutableBytes(new byte[0]);

  private final byte[] bytes;

  private ImmutableBytes(final byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}. */
  public static ImmutableBytes of(final byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new ImmutableBytes(bytes.clone());
  }

  /** Copies {@code length} bytes of {@code source} starting at {@code offset}. */
  public static ImmutableBytes copyOf(final byte[] source, final int offset, final int length) {
    if (offset < 0 || length < 0 || source.length - offset < length) {
      throw new IllegalArgumentException(
          "Range [" + offset + ", +" + length + ") outside array of " + source.length);
    }
    return length == 0
        ? EMPTY
        : new ImmutableBytes(Arrays.copyOfRange(source, offset, offset + length));
  }

  /** Parses {@code 0x}-prefixed or bare hex. */
  public static ImmutableBytes fromHex(final String hex) {
    return of(Hex.decode(hex));
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
    return other instanceof ImmutableBytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hex for short values; length and a prefix for long ones, so logs stay readable. */
  @Override
  public String toString() {
    if (bytes.length <= 64) {
      return toHexString();
    }
    return Hex.encode(Arrays.copyOf(bytes, 32)) + "...(" + bytes.length + " bytes)";
  }
}
