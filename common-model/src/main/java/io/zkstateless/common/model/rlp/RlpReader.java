package io.zkstateless.common.model.rlp;

import io.zkstateless.common.model.bytes.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over a sequence of RLP items inside one byte array: the top-level input, or the payload
 * of a list. Every read checks the item's header before touching its payload, so the reader never
 * allocates more than the input holds, and only canonical encodings are accepted: a byte below
 * {@code 0x80} must stand alone, lengths have no leading zeros, and the long forms are only used
 * for lengths of 56 or more. Offsets in errors are relative to the original input.
 */
public final class RlpReader {

  /**
   * Deepest list nesting accepted. Ethereum structures nest a handful of levels (a block holds
   * transactions that hold access lists of storage keys); the bound keeps hostile input from
   * exhausting the stack.
   */
  public static final int MAX_DEPTH = 32;

  private static final int UINT256_BYTES = 32;

  private final byte[] input;
  private final int end;
  private final int depth;
  private int position;

  private RlpReader(final byte[] input, final int start, final int end, final int depth) {
    this.input = input;
    this.position = start;
    this.end = end;
    this.depth = depth;
  }

  /** A reader over a whole input. The array is not copied; do not change it while reading. */
  public static RlpReader of(final byte[] encoded) {
    return new RlpReader(encoded, 0, encoded.length, 0);
  }

  public boolean hasNext() {
    return position < end;
  }

  /** Bytes left in this reader's range. */
  public int remaining() {
    return end - position;
  }

  /** Offset of the next item in the original input. */
  public int position() {
    return position;
  }

  /** Whether the next item is a list. */
  public boolean isList() {
    return RlpItemHeader.read(input, position, end).list();
  }

  /** Reads a byte string. */
  public byte[] readBytes() {
    final RlpItemHeader header = expect(false);
    return Arrays.copyOfRange(input, header.payloadStart(), header.payloadEnd());
  }

  /** Reads a byte string of exactly {@code length} bytes (an address, a bloom, a nonce). */
  public byte[] readFixedBytes(final int length) {
    final int at = position;
    final byte[] bytes = readBytes();
    if (bytes.length != length) {
      throw new RlpDecodeException(at, "expected " + length + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  public Bytes32 readBytes32() {
    return Bytes32.wrap(readFixedBytes(Bytes32.SIZE));
  }

  /** Reads a canonical unsigned scalar that fits in a signed long. */
  public long readLong() {
    final int at = position;
    final byte[] bytes = readScalar(Long.BYTES);
    if (bytes.length == Long.BYTES && bytes[0] < 0) {
      throw new RlpDecodeException(at, "scalar exceeds Long.MAX_VALUE");
    }
    long value = 0;
    for (final byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    return value;
  }

  /** Reads a canonical unsigned scalar of at most 256 bits (balances, difficulty, base fee). */
  public BigInteger readBigInteger() {
    return new BigInteger(1, readScalar(UINT256_BYTES));
  }

  /** Enters the next item, which must be a list, and returns a reader over its contents. */
  public RlpReader readList() {
    final int at = position;
    final RlpItemHeader header = expect(true);
    if (depth + 1 > MAX_DEPTH) {
      throw new RlpDecodeException(at, "lists nested deeper than " + MAX_DEPTH);
    }
    return new RlpReader(input, header.payloadStart(), header.payloadEnd(), depth + 1);
  }

  /**
   * The complete encoding of the next item, header included (a block's header, to hash it). Only
   * the outer header is checked; the contents of a list are checked when they are read.
   */
  public byte[] readRaw() {
    final int start = position;
    final RlpItemHeader header = RlpItemHeader.read(input, position, end);
    position = header.payloadEnd();
    return Arrays.copyOfRange(input, start, header.payloadEnd());
  }

  public void skip() {
    position = RlpItemHeader.read(input, position, end).payloadEnd();
  }

  /** Decodes the next item, with everything inside it, as a tree. */
  public RlpItem readItem() {
    if (!isList()) {
      return RlpBytes.wrapOwned(readBytes());
    }
    final RlpReader contents = readList();
    final List<RlpItem> items = new ArrayList<>();
    while (contents.hasNext()) {
      items.add(contents.readItem());
    }
    return new RlpList(items);
  }

  /** Asserts that nothing is left: trailing bytes at top level, or extra fields in a list. */
  public void finish() {
    if (position != end) {
      throw new RlpDecodeException(position, (end - position) + " unexpected trailing bytes");
    }
  }

  private byte[] readScalar(final int maxBytes) {
    final int at = position;
    final byte[] bytes = readBytes();
    if (bytes.length > maxBytes) {
      throw new RlpDecodeException(at, "scalar of " + bytes.length + " bytes, max " + maxBytes);
    }
    if (bytes.length > 0 && bytes[0] == 0) {
      throw new RlpDecodeException(at, "scalar has a leading zero byte");
    }
    return bytes;
  }

  private RlpItemHeader expect(final boolean list) {
    final RlpItemHeader header = RlpItemHeader.read(input, position, end);
    if (header.list() != list) {
      throw new RlpDecodeException(position, list ? "expected a list" : "expected a byte string");
    }
    position = header.payloadEnd();
    return header;
  }
}
