package io.zkstateless.common.model.rlp;

import io.zkstateless.common.model.bytes.Hex;
import java.util.Arrays;

/** An RLP byte string. Immutable: the bytes are copied in and out. */
public final class RlpBytes implements RlpItem {

  public static final RlpBytes EMPTY = new RlpBytes(new byte[0]);

  private final byte[] bytes;

  private RlpBytes(final byte[] bytes) {
    this.bytes = bytes;
  }

  public static RlpBytes of(final byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new RlpBytes(bytes.clone());
  }

  /** Takes ownership of an array nobody else holds. */
  static RlpBytes wrapOwned(final byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new RlpBytes(bytes);
  }

  @Override
  public boolean isList() {
    return false;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  byte[] unsafeBytes() {
    return bytes;
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof RlpBytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
