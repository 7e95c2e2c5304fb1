package io.zkstateless.common.model.rlp;

/**
 * The prefix of one RLP item, validated: where its payload starts and ends, and whether it is a
 * list. All canonical-form rules live here.
 */
record RlpItemHeader(boolean list, int payloadStart, int payloadEnd) {

  private static final int SHORT_STRING = 0x80;
  private static final int LONG_STRING = 0xb8;
  private static final int SHORT_LIST = 0xc0;
  private static final int LONG_LIST = 0xf8;
  private static final int SHORT_MAX_LENGTH = 55;

  /** Reads the header of the item at {@code offset}; its payload must end by {@code end}. */
  static RlpItemHeader read(final byte[] input, final int offset, final int end) {
    if (offset >= end) {
      throw new RlpDecodeException(offset, "expected an item, found end of input");
    }
    final int prefix = input[offset] & 0xff;
    if (prefix < SHORT_STRING) {
      return new RlpItemHeader(false, offset, offset + 1);
    }
    if (prefix < LONG_STRING) {
      final int length = prefix - SHORT_STRING;
      final RlpItemHeader header = bounded(false, offset, 1, length, end);
      if (length == 1 && (input[offset + 1] & 0xff) < SHORT_STRING) {
        throw new RlpDecodeException(offset, "single byte below 0x80 must not be wrapped");
      }
      return header;
    }
    if (prefix < SHORT_LIST) {
      return longForm(false, input, offset, prefix - LONG_STRING + 1, end);
    }
    if (prefix < LONG_LIST) {
      return bounded(true, offset, 1, prefix - SHORT_LIST, end);
    }
    return longForm(true, input, offset, prefix - LONG_LIST + 1, end);
  }

  private static RlpItemHeader longForm(
      final boolean list,
      final byte[] input,
      final int offset,
      final int lengthSize,
      final int end) {
    if (end - offset - 1 < lengthSize) {
      throw new RlpDecodeException(offset, "truncated length of " + lengthSize + " bytes");
    }
    if (input[offset + 1] == 0) {
      throw new RlpDecodeException(offset + 1, "length has a leading zero byte");
    }
    long length = 0;
    for (int i = 1; i <= lengthSize; i++) {
      if (length > Integer.MAX_VALUE >> 8) {
        throw new RlpDecodeException(offset, "length does not fit the input");
      }
      length = (length << 8) | (input[offset + i] & 0xff);
    }
    if (length <= SHORT_MAX_LENGTH) {
      throw new RlpDecodeException(offset, "long form used for length " + length + " < 56");
    }
    return bounded(list, offset, 1 + lengthSize, length, end);
  }

  private static RlpItemHeader bounded(
      final boolean list,
      final int offset,
      final int headerSize,
      final long length,
      final int end) {
    final long payloadStart = (long) offset + headerSize;
    if (payloadStart + length > end) {
      throw new RlpDecodeException(
          offset,
          (list ? "list" : "string")
              + " of "
              + length
              + " bytes exceeds the "
              + (end - payloadStart)
              + " remaining");
    }
    return new RlpItemHeader(list, (int) payloadStart, (int) (payloadStart + length));
  }
}
