package io.zkstateless.common.p2p.interop;

import io.zkstateless.common.model.bytes.Bytes32;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fixed-size start of an SSZ {@code SignedBeaconBlock} of any fork: the offset of {@code
 * message} (4 bytes), the signature (96), then the message's {@code slot}, {@code proposer_index}
 * and {@code parent_root}. Enough to match a gossiped block with a beacon node's header.
 */
record SignedBlockPrefix(long slot, long proposerIndex, Bytes32 parentRoot) {

  private static final int SIGNATURE_SIZE = 96;
  private static final int MESSAGE_OFFSET = Integer.BYTES + SIGNATURE_SIZE;

  static SignedBlockPrefix parse(final byte[] ssz) {
    if (ssz.length < MESSAGE_OFFSET + 2 * Long.BYTES + Bytes32.SIZE) {
      throw new IllegalArgumentException("SignedBeaconBlock of " + ssz.length + " bytes is too short");
    }
    final ByteBuffer buffer = ByteBuffer.wrap(ssz).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.getInt(0) != MESSAGE_OFFSET) {
      throw new IllegalArgumentException("message offset is " + buffer.getInt(0) + ", not " + MESSAGE_OFFSET);
    }
    return new SignedBlockPrefix(
        buffer.getLong(MESSAGE_OFFSET), buffer.getLong(MESSAGE_OFFSET + Long.BYTES), Bytes32.wrap(ssz, MESSAGE_OFFSET + 2 * Long.BYTES));
  }
}
