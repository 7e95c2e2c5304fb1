package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * Describes one SSZ type: its size class, its canonical encoding, its strict decoding and its
 * hash_tree_root. Values are plain immutable Java objects; all behaviour lives in the schema (the
 * Teku split of data types and schemas).
 *
 * <p>Every composite schema merkleizes its own value, so new merkleization shapes (EIP-7916
 * progressive lists, EIP-7495 progressive containers) can be added as further implementations
 * without touching the existing ones.
 *
 * @param <T> the Java value type
 */
public interface SszSchema<T> {

  /** Spec-style type name used in error paths, e.g. {@code List[uint16, 1024]}. */
  String typeName();

  /** Whether every value has the same encoded length. */
  boolean isFixedSize();

  /**
   * Encoded length of every value for a fixed-size type. For a variable-size type the 4-byte offset
   * it occupies in an enclosing fixed part is accounted by the enclosing schema, and this method
   * throws.
   */
  int fixedSize();

  /** Smallest valid encoding, in bytes. */
  long minSize();

  /** Largest valid encoding, in bytes; lets transports bound input before decoding. */
  long maxSize();

  /** Encoded length of {@code value}. */
  int encodedSize(T value);

  /**
   * Writes exactly {@link #encodedSize} bytes of {@code value} into {@code out} at {@code offset}.
   */
  void encodeInto(T value, byte[] out, int offset);

  /**
   * Decodes the whole of {@code input} strictly: only the canonical encoding is accepted.
   *
   * @throws SszDecodeException for any other input, naming the field path and byte offset
   */
  T decode(SszInput input);

  /** SSZ hash_tree_root of {@code value}. */
  Bytes32 hashTreeRoot(T value);

  /** The canonical encoding of {@code value}. */
  default byte[] encode(final T value) {
    final byte[] out = new byte[encodedSize(value)];
    encodeInto(value, out, 0);
    return out;
  }

  /**
   * Decodes a complete buffer.
   *
   * @throws SszDecodeException for anything but the canonical encoding of one value
   */
  default T decode(final byte[] bytes) {
    return decode(SszInput.of(bytes, typeName()));
  }

  /**
   * Whether this is a basic type (uintN, boolean) whose values are packed together into chunks
   * inside vectors and lists rather than merkleized one by one.
   */
  default boolean isBasic() {
    return false;
  }
}
