package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;

/**
 * {@code ByteList[limit]}: up to {@code limit} opaque bytes. The limit is checked on the input
 * length before anything is copied, and it sets the tree depth, so it is part of the root.
 */
public final class SszByteListSchema implements VariableSizeSchema<ImmutableBytes> {

  private final long limit;

  public SszByteListSchema(final long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("ByteList limit must not be negative: " + limit);
    }
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  @Override
  public String typeName() {
    return "ByteList[" + limit + "]";
  }

  @Override
  public long maxSize() {
    return limit;
  }

  @Override
  public int encodedSize(final ImmutableBytes value) {
    return value.size();
  }

  @Override
  public void encodeInto(final ImmutableBytes value, final byte[] out, final int offset) {
    checkLimit(value);
    value.copyTo(out, offset);
  }

  @Override
  public ImmutableBytes decode(final SszInput input) {
    if (input.length() > limit) {
      throw input.error(0, "length " + input.length() + " exceeds limit " + limit);
    }
    return input.copyBytes(0, input.length());
  }

  @Override
  public Bytes32 hashTreeRoot(final ImmutableBytes value) {
    checkLimit(value);
    final byte[] bytes = value.toArray();
    final Bytes32 root = Merkleizer.merkleize(bytes, bytes.length, Merkleizer.chunkCount(limit));
    return Merkleizer.mixInLength(root, bytes.length);
  }

  private void checkLimit(final ImmutableBytes value) {
    if (value.size() > limit) {
      throw new IllegalArgumentException(
          typeName() + " holds at most " + limit + " bytes, got " + value.size());
    }
  }

  @Override
  public String toString() {
    return typeName();
  }
}
