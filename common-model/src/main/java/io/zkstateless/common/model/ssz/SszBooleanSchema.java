package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/** boolean: one byte, 0x00 or 0x01; any other byte is rejected. */
public final class SszBooleanSchema extends FixedSizeSchema<Boolean> {

  public static final SszBooleanSchema BOOLEAN = new SszBooleanSchema();

  private SszBooleanSchema() {
    super(1);
  }

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public boolean isBasic() {
    return true;
  }

  @Override
  public void encodeInto(final Boolean value, final byte[] out, final int offset) {
    out[offset] = (byte) (value ? 1 : 0);
  }

  @Override
  protected Boolean decodeFixed(final SszInput input) {
    final int b = input.unsignedByte(0);
    if (b > 1) {
      throw input.error(0, "boolean must be 0x00 or 0x01, got 0x" + Integer.toHexString(b));
    }
    return b == 1;
  }

  @Override
  public Bytes32 hashTreeRoot(final Boolean value) {
    final byte[] chunk = new byte[Merkleizer.CHUNK_SIZE];
    chunk[0] = (byte) (value ? 1 : 0);
    return Bytes32.wrap(chunk);
  }
}
