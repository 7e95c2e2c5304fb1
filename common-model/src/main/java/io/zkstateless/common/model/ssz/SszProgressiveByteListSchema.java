package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;

/**
 * {@code ProgressiveByteList}, the alias of {@code ProgressiveList[byte]} (EIP-7916): opaque bytes
 * without a type limit (transactions, the block access list). Serialized as the bytes themselves;
 * the root packs them into chunks, merkleizes progressively and mixes in the byte length.
 */
public final class SszProgressiveByteListSchema implements VariableSizeSchema<ImmutableBytes> {

  public static final SszProgressiveByteListSchema INSTANCE = new SszProgressiveByteListSchema();

  private SszProgressiveByteListSchema() {}

  @Override
  public String typeName() {
    return "ProgressiveByteList";
  }

  /** Unbounded by type; transports must apply their own message limits. */
  @Override
  public long maxSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public int encodedSize(final ImmutableBytes value) {
    return value.size();
  }

  @Override
  public void encodeInto(final ImmutableBytes value, final byte[] out, final int offset) {
    value.copyTo(out, offset);
  }

  @Override
  public ImmutableBytes decode(final SszInput input) {
    return input.copyBytes(0, input.length());
  }

  @Override
  public Bytes32 hashTreeRoot(final ImmutableBytes value) {
    final byte[] bytes = value.toArray();
    return Merkleizer.mixInLength(
        ProgressiveMerkleizer.merkleizeProgressive(bytes, bytes.length), bytes.length);
  }

  @Override
  public String toString() {
    return typeName();
  }
}
