package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpReader;

/**
 * The fields of an execution block header that the witness check needs. The header's later fields
 * change with every fork (base fee, withdrawals root, blob gas, requests hash, block access list
 * hash...), so they are skipped as opaque items; only the first nine, fixed since Frontier, are
 * read.
 *
 * @param hash Keccak-256 of the whole RLP header: the block hash
 * @param parentHash field 0
 * @param stateRoot field 3: the state root after this block
 * @param number field 8
 */
record ExecutionHeader(Bytes32 hash, Bytes32 parentHash, Bytes32 stateRoot, long number) {

  /** Fields 0-14 (parent hash to nonce) are present in every header since Frontier. */
  private static final int MIN_FIELDS = 15;

  private static final int ADDRESS_SIZE = 20;
  private static final int BLOOM_SIZE = 256;

  /**
   * Decodes one RLP header.
   *
   * @throws RlpDecodeException if it is not a canonical RLP list of at least 15 fields with the
   *     Frontier field types
   */
  static ExecutionHeader decode(final byte[] rlp) {
    final RlpReader top = RlpReader.of(rlp);
    final RlpReader fields = top.readList();
    top.finish();
    final Bytes32 parentHash = fields.readBytes32();
    fields.readBytes32(); // ommers hash
    fields.readFixedBytes(ADDRESS_SIZE); // beneficiary
    final Bytes32 stateRoot = fields.readBytes32();
    fields.readBytes32(); // transactions root
    fields.readBytes32(); // receipts root
    fields.readFixedBytes(BLOOM_SIZE);
    fields.readBigInteger(); // difficulty
    final long number = fields.readLong();
    int count = 9;
    while (fields.hasNext()) {
      fields.skip();
      count++;
    }
    if (count < MIN_FIELDS) {
      throw new RlpDecodeException(0, "header has " + count + " fields, at least " + MIN_FIELDS);
    }
    return new ExecutionHeader(Hashes.keccak256(rlp), parentHash, stateRoot, number);
  }
}
