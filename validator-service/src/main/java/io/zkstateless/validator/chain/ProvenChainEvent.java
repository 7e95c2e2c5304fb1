package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;

/** What changed in the proven view; each becomes a {@code proven-blocks} record. */
public sealed interface ProvenChainEvent {

  /** A block reached the required number of distinct valid proof types. */
  record BlockProven(Bytes32 blockRoot, long slot, Bytes32 executionBlockHash, int proofTypes)
      implements ProvenChainEvent {}

  /** The proven head moved (forwards, or backwards after a reorg). */
  record ProvenHeadMoved(Bytes32 fromRoot, long fromSlot, Bytes32 toRoot, long toSlot)
      implements ProvenChainEvent {}

  /** The canonical chain switched branches; {@code depth} canonical blocks were replaced. */
  record Reorg(Bytes32 oldHeadRoot, Bytes32 newHeadRoot, Bytes32 commonAncestorRoot, int depth)
      implements ProvenChainEvent {}

  /** The finalized checkpoint advanced; blocks before it were pruned. */
  record Finalized(Bytes32 root, long slot, int prunedBlocks) implements ProvenChainEvent {}
}
