package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.watch.BeaconBlockInfo;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.BeaconWatchException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the execution requests of a block whose job does not carry them (jobs from execution-client
 * polling) on the beacon node, by execution block hash. The Beacon API has no lookup by payload
 * hash, so the candidates are the beacon blocks at the block's slot ({@code
 * /eth/v1/beacon/headers?slot=}, Amsterdam headers carry it, EIP-7843) and the children of its
 * {@code parent_beacon_block_root} ({@code ?parent_root=}, EIP-4788): the beacon block that carried
 * the payload is both. Each candidate is fetched and the one whose payload has the block hash wins.
 */
public final class ExecutionRequestsLookup {

  private final BeaconBlocksClient beacon;

  public ExecutionRequestsLookup(final BeaconBlocksClient beacon) {
    this.beacon = beacon;
  }

  /**
   * @return the requests of the beacon block whose payload is {@code blockHash}
   * @throws ProvingException retryable: {@code beacon_unavailable} if the node cannot be asked,
   *     {@code execution_requests_not_found} if it knows no such block (yet)
   */
  ElectraExecutionRequests find(
      final Bytes32 blockHash, final long slot, final Bytes32 parentBeaconBlockRoot) {
    final Set<Bytes32> candidates = new LinkedHashSet<>();
    try {
      candidates.addAll(beacon.headerRoots("slot=" + slot));
      // Teku answers 400 to parent_root queries; the slot query usually suffices.
      candidates.addAll(parentQuery(parentBeaconBlockRoot));
      for (final Bytes32 root : candidates) {
        final BeaconBlockInfo block = beacon.block(root);
        if (block.executionBlockHash().equals(blockHash)) {
          return block
              .executionRequests()
              .orElseThrow(
                  () ->
                      ProvingException.permanent(
                          "execution_requests_unavailable",
                          "beacon block "
                              + root
                              + " carries the payload but no execution_requests (not Electra+)"));
        }
      }
    } catch (final BeaconWatchException e) {
      throw new ProvingException("beacon_unavailable", "execution requests: " + e.getMessage());
    }
    throw new ProvingException(
        "execution_requests_not_found",
        "the beacon node knows no block with payload "
            + blockHash
            + " at slot "
            + slot
            + " or under parent "
            + parentBeaconBlockRoot
            + " (checked "
            + candidates.size()
            + " blocks)");
  }

  private Set<Bytes32> parentQuery(final Bytes32 parentBeaconBlockRoot) {
    try {
      return new LinkedHashSet<>(
          beacon.headerRoots("parent_root=" + parentBeaconBlockRoot.toHexString()));
    } catch (final BeaconWatchException e) {
      return Set.of();
    }
  }
}
