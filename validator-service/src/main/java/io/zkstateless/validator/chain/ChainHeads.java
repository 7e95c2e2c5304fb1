package io.zkstateless.validator.chain;

/**
 * The dual view at one moment. {@code provenHead} is the highest canonical block such that every
 * canonical block after {@code finalized} up to it is proven; {@code latestProven} is the highest
 * proven canonical block, which may be above a gap.
 */
public record ChainHeads(
    BeaconBlock optimisticHead, BeaconBlock provenHead, BeaconBlock latestProven, BeaconBlock finalized) {

  /** The headline metric: how many slots the proven view trails the optimistic view. */
  public long gapSlots() {
    return optimisticHead.slot() - provenHead.slot();
  }
}
