package io.zkstateless.prover.jobs;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import java.util.Optional;

/**
 * A block to prove, as the watcher saw it: the execution payload it names and the beacon block that
 * carried it (both go into the Kafka headers).
 *
 * @param blockHash execution payload block hash, the proof's subject
 * @param blockNumber execution block number
 * @param slot beacon slot
 * @param beaconBlockRoot beacon block root
 * @param gasUsed execution gas used (drives the mock worker's per-gas timing; 0 if unknown)
 * @param executionRequests the EIP-7685 requests the beacon block carries with the payload (the
 *     execution block holds only their hash, and a stateless input needs them); empty when the
 *     block was not seen through a beacon block (execution-client source) or before Electra
 */
public record BlockRef(
    Bytes32 blockHash,
    long blockNumber,
    long slot,
    Bytes32 beaconBlockRoot,
    long gasUsed,
    Optional<ElectraExecutionRequests> executionRequests) {

  public BlockRef {
    if (blockHash == null || beaconBlockRoot == null || executionRequests == null) {
      throw new IllegalArgumentException(
          "block hash, beacon block root and execution requests (maybe empty) are required");
    }
    if (blockNumber < 0 || slot < 0 || gasUsed < 0) {
      throw new IllegalArgumentException(
          "block number, slot and gas used must not be negative: "
              + blockNumber
              + ", "
              + slot
              + ", "
              + gasUsed);
    }
  }

  /** A block whose execution requests are not known. */
  public BlockRef(
      final Bytes32 blockHash,
      final long blockNumber,
      final long slot,
      final Bytes32 beaconBlockRoot,
      final long gasUsed) {
    this(blockHash, blockNumber, slot, beaconBlockRoot, gasUsed, Optional.empty());
  }
}
