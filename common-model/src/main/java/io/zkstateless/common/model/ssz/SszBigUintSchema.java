package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.math.BigInteger;

/** uint128 and uint256 as non-negative {@link BigInteger}s. */
public final class SszBigUintSchema extends FixedSizeSchema<BigInteger> {

  public static final SszBigUintSchema UINT128 = new SszBigUintSchema(16);
  public static final SszBigUintSchema UINT256 = new SszBigUintSchema(32);

  private final int byteSize;

  private SszBigUintSchema(final int byteSize) {
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
  public void encodeInto(final BigInteger value, final byte[] out, final int offset) {
    if (value.signum() < 0 || value.bitLength() > 8 * byteSize) {
      throw new IllegalArgumentException(value + " does not fit in " + typeName());
    }
    final byte[] bigEndian = value.toByteArray();
    // toByteArray may carry one leading sign byte; write the magnitude little-endian.
    for (int i = 0; i < byteSize; i++) {
      final int source = bigEndian.length - 1 - i;
      out[offset + i] = source >= 0 ? bigEndian[source] : 0;
    }
  }

  @Override
  protected BigInteger decodeFixed(final SszInput input) {
    final byte[] littleEndian = input.copy(0, byteSize);
    final byte[] bigEndian = new byte[byteSize];
    for (int i = 0; i < byteSize; i++) {
      bigEndian[i] = littleEndian[byteSize - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  @Override
  public Bytes32 hashTreeRoot(final BigInteger value) {
    final byte[] chunk = new byte[Merkleizer.CHUNK_SIZE];
    encodeInto(value, chunk, 0);
    return Bytes32.wrap(chunk);
  }
}
