package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds the beacon block that carried an execution payload. The Beacon API has no lookup by
 * payload hash, so the candidates are the beacon blocks at the payload's slot ({@code
 * /eth/v1/beacon/headers?slot=}, Amsterdam headers carry it, EIP-7843) and the children of its
 * {@code parent_beacon_block_root} ({@code ?parent_root=}, EIP-4788): the beacon block that carried
 * the payload is both. Each candidate is fetched and the one whose payload has the block hash wins.
 */
public final class PayloadBlockFinder {

  private final BeaconBlocksClient beacon;

  public PayloadBlockFinder(final BeaconBlocksClient beacon) {
    this.beacon = beacon;
  }

  /**
   * @param slot the payload's slot, empty when unknown (pre-Amsterdam header, no genesis time)
   * @return the beacon block whose payload is {@code blockHash}, empty if the node knows none
   * @throws BeaconWatchException if the node cannot be asked
   */
  public Optional<BeaconBlockInfo> find(
      final Bytes32 blockHash, final OptionalLong slot, final Bytes32 parentBeaconBlockRoot) {
    final Set<Bytes32> candidates = new LinkedHashSet<>();
    slot.ifPresent(value -> candidates.addAll(beacon.headerRoots("slot=" + value)));
    if (slot.isPresent()) {
      // Teku answers 400 to parent_root queries; the slot query usually suffices.
      candidates.addAll(parentQuery(parentBeaconBlockRoot));
    } else {
      // The only query: an unreachable node must not read as "no such block".
      candidates.addAll(beacon.headerRoots("parent_root=" + parentBeaconBlockRoot.toHexString()));
    }
    for (final Bytes32 root : candidates) {
      final BeaconBlockInfo block = beacon.block(root);
      if (block.executionBlockHash().equals(blockHash)) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
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
