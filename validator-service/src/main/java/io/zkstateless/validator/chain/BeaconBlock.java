package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;
import java.util.Objects;

/**
 * A beacon block as the optimistic view knows it. {@code executionBlockHash} is {@link
 * Bytes32#ZERO} for a block without an execution payload (before the merge), which has nothing to
 * prove.
 */
public record BeaconBlock(
    Bytes32 root,
    long slot,
    Bytes32 parentRoot,
    Bytes32 executionBlockHash,
    long executionBlockNumber,
    Instant firstSeen) {

  public BeaconBlock {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(parentRoot, "parentRoot");
    Objects.requireNonNull(executionBlockHash, "executionBlockHash");
    Objects.requireNonNull(firstSeen, "firstSeen");
    if (slot < 0) {
      throw new IllegalArgumentException("Negative slot " + slot);
    }
    if (executionBlockNumber < 0) {
      throw new IllegalArgumentException("Negative execution block number " + executionBlockNumber);
    }
  }

  /** Whether the block carries an execution payload that proofs can attest to. */
  public boolean hasExecutionPayload() {
    return !executionBlockHash.equals(Bytes32.ZERO);
  }
}
