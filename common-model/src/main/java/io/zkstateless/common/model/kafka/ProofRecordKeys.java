package io.zkstateless.common.model.kafka;

import io.zkstateless.common.model.proof.ExecutionProof;

/**
 * Record keys of the {@code execution-proofs} topic: the execution block hash as 0x-prefixed
 * lower-case hex, so every proof of one block lands on one partition, in order.
 */
public final class ProofRecordKeys {

  private ProofRecordKeys() {}

  public static String keyFor(final ExecutionProof proof) {
    return proof.blockHash().toHexString();
  }
}
