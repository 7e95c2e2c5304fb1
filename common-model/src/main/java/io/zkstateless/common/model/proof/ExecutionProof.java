package io.zkstateless.common.model.proof;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;

/**
 * The v1 execution proof (spec-execution-proofs A.2): one proof, of the proof type bound to its
 * subnet, that the execution payload {@code blockHash} is valid. A pure value; the wire format,
 * limits and root live in {@link ExecutionProofSchema}.
 *
 * @param blockHash {@code block_hash}: execution payload block hash the proof attests to
 * @param subnetId {@code subnet_id}: the subnet, which is the proof type
 * @param version {@code version}: uint32 proof format version within the proof type
 * @param proofData {@code proof_data}: opaque proof bytes, at most {@link
 *     ExecutionProofSchema#MAX_PROOF_SIZE}
 * @param timestamp {@code timestamp}: uint64 unix seconds at which the proof was generated
 *     (unsigned)
 */
public record ExecutionProof(
    Bytes32 blockHash,
    ExecutionProofSubnetId subnetId,
    long version,
    ImmutableBytes proofData,
    long timestamp) {

  public ExecutionProof {
    if (blockHash == null || subnetId == null || proofData == null) {
      throw new IllegalArgumentException("block_hash, subnet_id and proof_data are required");
    }
    if (version < 0 || version > 0xffffffffL) {
      throw new IllegalArgumentException("version " + version + " does not fit in uint32");
    }
    if (proofData.size() > ExecutionProofSchema.MAX_PROOF_SIZE) {
      throw new IllegalArgumentException(
          "proof_data length "
              + proofData.size()
              + " exceeds limit "
              + ExecutionProofSchema.MAX_PROOF_SIZE);
    }
  }

  @Override
  public String toString() {
    return "ExecutionProof{block_hash="
        + blockHash
        + ", subnet_id="
        + subnetId
        + ", version="
        + version
        + ", proof_data="
        + proofData.size()
        + " bytes, timestamp="
        + Long.toUnsignedString(timestamp)
        + "}";
  }
}
