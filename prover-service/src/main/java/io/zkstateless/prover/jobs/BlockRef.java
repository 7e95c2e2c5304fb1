package io.zkstateless.prover.jobs;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * A block to prove, as the watcher saw it: the execution payload it names and the beacon block that
 * carried it (both go into the Kafka headers).
 *
 * @param blockHash execution payload block hash, the proof's subject
 * @param blockNumber execution block number
 * @param slot beacon slot
 * @param beaconBlockRoot beacon block root
 * @param gasUsed execution gas used (drives the mock worker's per-gas timing; 0 if unknown)
 */
public record BlockRef(
    Bytes32 blockHash, long blockNumber, long slot, Bytes32 beaconBlockRoot, long gasUsed) {

  public BlockRef {
    if (blockHash == null || beaconBlockRoot == null) {
      throw new IllegalArgumentException("block hash and beacon block root are required");
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
}
