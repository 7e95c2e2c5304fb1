package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpReader;

/**
 * The parts of an account leaf ({@code [nonce, balance, storageRoot, codeHash]}) the key walk
 * needs.
 */
record AccountState(Bytes32 storageRoot, Bytes32 codeHash) {

  /** Keccak-256 of empty code: the code hash of every account without code. */
  static final Bytes32 EMPTY_CODE_HASH = Hashes.keccak256(new byte[0]);

  /**
   * Decodes an account leaf's value.
   *
   * @throws RlpDecodeException if it is not a canonical four-field account
   */
  static AccountState decode(final byte[] leafValue) {
    final RlpReader top = RlpReader.of(leafValue);
    final RlpReader fields = top.readList();
    top.finish();
    fields.readLong(); // nonce
    fields.readBigInteger(); // balance
    final Bytes32 storageRoot = fields.readBytes32();
    final Bytes32 codeHash = fields.readBytes32();
    fields.finish();
    return new AccountState(storageRoot, codeHash);
  }

  boolean hasCode() {
    return !codeHash.equals(EMPTY_CODE_HASH);
  }
}
