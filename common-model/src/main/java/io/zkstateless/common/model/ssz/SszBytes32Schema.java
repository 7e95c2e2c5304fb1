package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/** Bytes32 ({@code ByteVector[32]}) as {@link Bytes32}: roots and hashes. Its root is itself. */
public final class SszBytes32Schema extends FixedSizeSchema<Bytes32> {

  public static final SszBytes32Schema BYTES32 = new SszBytes32Schema();

  private SszBytes32Schema() {
    super(Bytes32.SIZE);
  }

  @Override
  public String typeName() {
    return "Bytes32";
  }

  @Override
  public void encodeInto(final Bytes32 value, final byte[] out, final int offset) {
    value.copyTo(out, offset);
  }

  @Override
  protected Bytes32 decodeFixed(final SszInput input) {
    return Bytes32.wrap(input.copy(0, Bytes32.SIZE));
  }

  @Override
  public Bytes32 hashTreeRoot(final Bytes32 value) {
    return value;
  }
}
