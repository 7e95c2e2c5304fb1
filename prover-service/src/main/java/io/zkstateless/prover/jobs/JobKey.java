package io.zkstateless.prover.jobs;

import io.zkstateless.common.model.bytes.Bytes32;

/** The unique key of a job: one proof per execution block and proof type. */
public record JobKey(Bytes32 blockHash, String proofType) {

  @Override
  public String toString() {
    return blockHash.toHexString() + "/" + proofType;
  }
}
