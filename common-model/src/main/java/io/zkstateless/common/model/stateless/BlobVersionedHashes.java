package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.rlp.RlpReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code versioned_hashes} of a new-payload request, taken from the block's EIP-4844 blob
 * transactions in block order. The consensus layer derives the same list from the block's KZG
 * commitments; {@code engine_newPayload} fails when they differ, so a block that validated has
 * exactly these.
 */
public final class BlobVersionedHashes {

  private static final int BLOB_TX_TYPE = 0x03;

  /** Position of {@code blob_versioned_hashes} in the EIP-4844 transaction payload list. */
  private static final int VERSIONED_HASHES_FIELD = 10;

  private BlobVersionedHashes() {}

  /**
   * @throws io.zkstateless.common.model.rlp.RlpDecodeException if a blob transaction is malformed
   */
  public static List<Bytes32> of(final List<ImmutableBytes> transactions) {
    final List<Bytes32> hashes = new ArrayList<>();
    for (final ImmutableBytes transaction : transactions) {
      if (transaction.size() == 0 || (transaction.get(0) & 0xff) != BLOB_TX_TYPE) {
        continue;
      }
      final byte[] encoded = transaction.toArray();
      final byte[] payload = new byte[encoded.length - 1];
      System.arraycopy(encoded, 1, payload, 0, payload.length);
      final RlpReader top = RlpReader.of(payload);
      final RlpReader fields = top.readList();
      for (int i = 0; i < VERSIONED_HASHES_FIELD; i++) {
        fields.skip();
      }
      final RlpReader list = fields.readList();
      while (list.hasNext()) {
        hashes.add(list.readBytes32());
      }
    }
    return hashes;
  }
}
