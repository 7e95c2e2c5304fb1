package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;

/**
 * EIP-4844 {@code kzg_commitment_to_versioned_hash}: {@code VERSIONED_HASH_VERSION_KZG ++
 * sha256(commitment)[1:]}. The consensus layer derives a block's {@code versioned_hashes} this way
 * from {@code blob_kzg_commitments}, in order.
 */
public final class KzgVersionedHash {

  public static final int COMMITMENT_SIZE = 48;
  public static final byte VERSION_KZG = 0x01;

  private KzgVersionedHash() {}

  /**
   * @throws IllegalArgumentException if {@code commitment} is not 48 bytes
   */
  public static Bytes32 of(final ImmutableBytes commitment) {
    if (commitment.size() != COMMITMENT_SIZE) {
      throw new IllegalArgumentException(
          "KZG commitment must be " + COMMITMENT_SIZE + " bytes, got " + commitment.size());
    }
    final byte[] hash = Hashes.sha256(commitment.toArray()).toArray();
    hash[0] = VERSION_KZG;
    return Bytes32.wrap(hash);
  }
}
