package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * {@code Bitlist[limit]}: up to {@code limit} bits followed by a single 1 delimiter bit. The
 * encoding must end in a non-zero byte (the one holding the delimiter); the byte length is checked
 * against the limit before anything is copied.
 */
public final class SszBitlistSchema implements VariableSizeSchema<Bitfield> {

  private final int limit;

  public SszBitlistSchema(final int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("Bitlist limit must not be negative: " + limit);
    }
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  @Override
  public String typeName() {
    return "Bitlist[" + limit + "]";
  }

  @Override
  public long minSize() {
    return 1;
  }

  @Override
  public long maxSize() {
    return limit / 8 + 1;
  }

  @Override
  public int encodedSize(final Bitfield value) {
    return value.size() / 8 + 1;
  }

  @Override
  public void encodeInto(final Bitfield value, final byte[] out, final int offset) {
    checkLimit(value);
    value.copyTo(out, offset);
    final int delimiter = value.size();
    out[offset + (delimiter >>> 3)] |= (byte) (1 << (delimiter & 7));
  }

  @Override
  public Bitfield decode(final SszInput input) {
    final int length = input.length();
    if (length == 0) {
      throw input.error(0, typeName() + " is empty: the delimiter bit is missing");
    }
    if (length > maxSize()) {
      throw input.error(
          0, "length " + length + " bytes exceeds " + maxSize() + " for " + typeName());
    }
    final int last = input.unsignedByte(length - 1);
    if (last == 0) {
      throw input.error(length - 1, typeName() + " last byte is zero: no delimiter bit");
    }
    final int highBit = 31 - Integer.numberOfLeadingZeros(last);
    final int size = 8 * (length - 1) + highBit;
    if (size > limit) {
      throw input.error(0, "bit length " + size + " exceeds limit " + limit);
    }
    final byte[] packed = input.copy(0, Bitfield.byteLength(size));
    if (size % 8 != 0) {
      // Drop the delimiter, which sits in the last packed byte.
      packed[packed.length - 1] &= (byte) ((1 << (size % 8)) - 1);
    }
    return Bitfield.fromBytes(size, packed);
  }

  @Override
  public Bytes32 hashTreeRoot(final Bitfield value) {
    checkLimit(value);
    final byte[] packed = value.packedView();
    final Bytes32 root = Merkleizer.merkleize(packed, packed.length, (limit + 255L) / 256);
    return Merkleizer.mixInLength(root, value.size());
  }

  private void checkLimit(final Bitfield value) {
    if (value.size() > limit) {
      throw new IllegalArgumentException(
          typeName() + " holds at most " + limit + " bits, got " + value.size());
    }
  }

  @Override
  public String toString() {
    return typeName();
  }
}
