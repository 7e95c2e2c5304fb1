package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.prover.jobs.BlockRef;
import java.util.Optional;

/**
 * The parts of a beacon block the prover needs.
 *
 * @param root beacon block root
 * @param slot beacon slot
 * @param parentRoot parent beacon block root
 * @param executionBlockHash payload block hash, zero before the merge
 * @param executionBlockNumber payload block number
 * @param gasUsed payload gas used (0 when the node leaves it out)
 * @param executionRequests {@code body.execution_requests} (Electra and later), else empty
 */
public record BeaconBlockInfo(
    Bytes32 root,
    long slot,
    Bytes32 parentRoot,
    Bytes32 executionBlockHash,
    long executionBlockNumber,
    long gasUsed,
    Optional<ElectraExecutionRequests> executionRequests) {

  public boolean hasExecutionPayload() {
    return !executionBlockHash.equals(Bytes32.ZERO);
  }

  public BlockRef toBlockRef() {
    return new BlockRef(
        executionBlockHash, executionBlockNumber, slot, root, gasUsed, executionRequests);
  }
}
