package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * uint8, uint16, uint32 and uint64 as {@code Long}. uint64 uses the full 64 bits as an unsigned
 * long (compare with {@link Long#compareUnsigned}); the narrower types reject values out of range.
 */
public final class SszUintSchema extends FixedSizeSchema<Long> {

  public static final SszUintSchema UINT8 = new SszUintSchema(1);
  public static final SszUintSchema UINT16 = new SszUintSchema(2);
  public static final SszUintSchema UINT32 = new SszUintSchema(4);
  public static final SszUintSchema UINT64 = new SszUintSchema(8);

  private final int byteSize;

  private SszUintSchema(final int byteSize) {
    super(byteSize);
    this.byteSize = byteSize;
  }

  @Override
  public String typeName() {
    return "uint" + (8 * byteSize);
  }

  @Override
  public boolean isBasic() {
    return true;
  }

  @Override
  public void encodeInto(final Long value, final byte[] out, final int offset) {
    checkRange(value);
    long remaining = value;
    for (int i = 0; i < byteSize; i++) {
      out[offset + i] = (byte) remaining;
      remaining >>>= 8;
    }
  }

  @Override
  protected Long decodeFixed(final SszInput input) {
    return input.littleEndian(0, byteSize);
  }

  @Override
  public Bytes32 hashTreeRoot(final Long value) {
    final byte[] chunk = new byte[Merkleizer.CHUNK_SIZE];
    encodeInto(value, chunk, 0);
    return Bytes32.wrap(chunk);
  }

  private void checkRange(final long value) {
    if (byteSize < Long.BYTES && (value >>> (8 * byteSize)) != 0) {
      throw new IllegalArgumentException(
          Long.toUnsignedString(value) + " does not fit in " + typeName());
    }
  }
}
