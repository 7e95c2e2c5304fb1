package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.watch.BeaconBlockInfo;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.BeaconWatchException;
import io.zkstateless.prover.watch.PayloadBlockFinder;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the execution requests of a block whose job does not carry them (jobs from execution-client
 * polling) on the beacon node: in the beacon block that carried the payload ({@link
 * PayloadBlockFinder}).
 */
public final class ExecutionRequestsLookup {

  private final PayloadBlockFinder finder;

  public ExecutionRequestsLookup(final BeaconBlocksClient beacon) {
    this.finder = new PayloadBlockFinder(beacon);
  }

  /**
   * @return the requests of the beacon block whose payload is {@code blockHash}
   * @throws ProvingException retryable: {@code beacon_unavailable} if the node cannot be asked,
   *     {@code execution_requests_not_found} if it knows no such block (yet)
   */
  ElectraExecutionRequests find(
      final Bytes32 blockHash, final long slot, final Bytes32 parentBeaconBlockRoot) {
    final Optional<BeaconBlockInfo> found;
    try {
      found = finder.find(blockHash, OptionalLong.of(slot), parentBeaconBlockRoot);
    } catch (final BeaconWatchException e) {
      throw new ProvingException("beacon_unavailable", "execution requests: " + e.getMessage());
    }
    final BeaconBlockInfo block =
        found.orElseThrow(
            () ->
                new ProvingException(
                    "execution_requests_not_found",
                    "the beacon node knows no block with payload "
                        + blockHash
                        + " at slot "
                        + slot
                        + " or under parent "
                        + parentBeaconBlockRoot));
    return block
        .executionRequests()
        .orElseThrow(
            () ->
                ProvingException.permanent(
                    "execution_requests_unavailable",
                    "beacon block "
                        + block.root()
                        + " carries the payload but no execution_requests (not Electra+)"));
  }
}
