package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;

/** {@code ByteVector[N]}: exactly N opaque bytes. Use {@link SszBytes32Schema} for N = 32. */
public final class SszByteVectorSchema extends FixedSizeSchema<ImmutableBytes> {

  private final int length;

  public SszByteVectorSchema(final int length) {
    super(length);
    if (length < 1) {
      throw new IllegalArgumentException("ByteVector length must be positive: " + length);
    }
    this.length = length;
  }

  @Override
  public String typeName() {
    return "ByteVector[" + length + "]";
  }

  @Override
  public void encodeInto(final ImmutableBytes value, final byte[] out, final int offset) {
    if (value.size() != length) {
      throw new IllegalArgumentException(typeName() + " needs " + length + " bytes: " + value);
    }
    value.copyTo(out, offset);
  }

  @Override
  protected ImmutableBytes decodeFixed(final SszInput input) {
    return input.copyBytes(0, length);
  }

  @Override
  public Bytes32 hashTreeRoot(final ImmutableBytes value) {
    final byte[] bytes = value.toArray();
    return Merkleizer.merkleize(bytes, bytes.length, Merkleizer.chunkCount(length));
  }
}
