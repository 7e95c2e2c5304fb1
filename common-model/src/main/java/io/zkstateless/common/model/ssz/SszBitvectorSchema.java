package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/** {@code Bitvector[N]}: exactly N bits in ceil(N/8) bytes; unused high bits must be zero. */
public final class SszBitvectorSchema extends FixedSizeSchema<Bitfield> {

  private final int length;

  public SszBitvectorSchema(final int length) {
    super(Bitfield.byteLength(length));
    if (length < 1) {
      throw new IllegalArgumentException("Bitvector length must be positive: " + length);
    }
    this.length = length;
  }

  public int length() {
    return length;
  }

  @Override
  public String typeName() {
    return "Bitvector[" + length + "]";
  }

  @Override
  public void encodeInto(final Bitfield value, final byte[] out, final int offset) {
    if (value.size() != length) {
      throw new IllegalArgumentException(typeName() + " needs " + length + " bits: " + value);
    }
    value.copyTo(out, offset);
  }

  @Override
  protected Bitfield decodeFixed(final SszInput input) {
    final int last = input.unsignedByte(fixedSize() - 1);
    if (length % 8 != 0 && last >>> (length % 8) != 0) {
      throw input.error(fixedSize() - 1, "bits set beyond bit " + length + " of " + typeName());
    }
    return Bitfield.fromBytes(length, input.copy(0, fixedSize()));
  }

  @Override
  public Bytes32 hashTreeRoot(final Bitfield value) {
    final byte[] packed = value.packedView();
    return Merkleizer.merkleize(packed, packed.length, chunkLimit());
  }

  private long chunkLimit() {
    return (length + 255L) / 256;
  }
}
