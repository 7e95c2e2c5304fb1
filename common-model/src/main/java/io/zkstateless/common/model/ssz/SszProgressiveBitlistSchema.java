package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * {@code ProgressiveBitlist} (EIP-7916): serialized like {@code Bitlist[N]} (bits, then a 1
 * delimiter bit) without a type limit, merkleized progressively over the packed bits with the bit
 * count mixed in. Encoding and strict decoding are those of a bitlist whose limit only the input
 * length can reach.
 */
public final class SszProgressiveBitlistSchema implements VariableSizeSchema<Bitfield> {

  public static final SszProgressiveBitlistSchema INSTANCE = new SszProgressiveBitlistSchema();

  /** Largest bit count whose encoding still fits a Java array index. */
  private static final int BIT_BOUND = Integer.MAX_VALUE - 8;

  private final SszBitlistSchema layout = new SszBitlistSchema(BIT_BOUND);

  private SszProgressiveBitlistSchema() {}

  @Override
  public String typeName() {
    return "ProgressiveBitlist";
  }

  @Override
  public long minSize() {
    return 1;
  }

  @Override
  public long maxSize() {
    return layout.maxSize();
  }

  @Override
  public int encodedSize(final Bitfield value) {
    return layout.encodedSize(value);
  }

  @Override
  public void encodeInto(final Bitfield value, final byte[] out, final int offset) {
    layout.encodeInto(value, out, offset);
  }

  @Override
  public Bitfield decode(final SszInput input) {
    return layout.decode(input);
  }

  @Override
  public Bytes32 hashTreeRoot(final Bitfield value) {
    final byte[] packed = value.packedView();
    return Merkleizer.mixInLength(
        ProgressiveMerkleizer.merkleizeProgressive(packed, packed.length), value.size());
  }

  @Override
  public String toString() {
    return typeName();
  }
}
