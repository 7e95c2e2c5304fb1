package io.zkstateless.common.model.rlp;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * The execution header fields these tests check, read positionally: parentHash is field 0,
 * stateRoot field 3, number field 8. Later forks only append fields, so this works for every header
 * from London to Amsterdam.
 */
record HeaderFields(Bytes32 parentHash, Bytes32 stateRoot, long number, int fieldCount) {

  private static final int STATE_ROOT = 3;
  private static final int NUMBER = 8;
  private static final int LONDON_FIELD_COUNT = 16;

  static HeaderFields decode(final byte[] header) {
    final RlpReader top = RlpReader.of(header);
    final RlpReader fields = top.readList();
    top.finish();
    final Bytes32 parentHash = fields.readBytes32();
    int index = 1;
    Bytes32 stateRoot = null;
    long number = -1;
    for (; fields.hasNext(); index++) {
      if (index == STATE_ROOT) {
        stateRoot = fields.readBytes32();
      } else if (index == NUMBER) {
        number = fields.readLong();
      } else {
        fields.skip();
      }
    }
    if (index < LONDON_FIELD_COUNT) {
      throw new AssertionError("header has only " + index + " fields");
    }
    return new HeaderFields(parentHash, stateRoot, number, index);
  }
}
