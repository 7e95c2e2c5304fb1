package io.zkstateless.validator.dashboard;

import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.dashboard.HeadHistory.HeadSample;
import java.util.List;

/**
 * Everything the dashboard page shows, in one answer so that a refresh is one request and the
 * numbers on the page come from the same moment.
 *
 * @param generatedAt when the answer was built (epoch milliseconds)
 * @param heads the dual view; null until the validator has reached a finalized checkpoint
 * @param minProofsRequired distinct valid proof types that make a block proven
 * @param proofsPerSubnet stored verified proofs per subnet (= proof type id), every subnet listed
 * @param recentBlocks the latest canonical blocks, head first
 * @param history head samples for the chart, oldest first
 */
public record DashboardView(
    long generatedAt,
    Heads heads,
    int minProofsRequired,
    List<SubnetProofs> proofsPerSubnet,
    List<RecentBlock> recentBlocks,
    List<HeadSample> history) {

  /** The four heads and the gap, each head as slot and execution block number. */
  public record Heads(HeadBlock optimistic, HeadBlock proven, HeadBlock latestProven, HeadBlock finalized, long gapSlots) {
    static Heads of(final ChainHeads heads) {
      return new Heads(HeadBlock.of(heads.optimisticHead()), HeadBlock.of(heads.provenHead()),
          HeadBlock.of(heads.latestProven()), HeadBlock.of(heads.finalized()), heads.gapSlots());
    }
  }

  /** A head: beacon slot and root, and the execution block number it carries. */
  public record HeadBlock(long slot, long executionBlockNumber, String root) {
    static HeadBlock of(final BeaconBlock block) {
      return new HeadBlock(block.slot(), block.executionBlockNumber(), block.root().toHexString());
    }
  }

  /** Stored proofs of one subnet; {@code proofType} is null for a subnet with no configured type. */
  public record SubnetProofs(int subnet, String proofType, long storedProofs) {}

  /** A canonical block, whether it is proven, and the names of the proof types stored for it. */
  public record RecentBlock(
      long slot, long executionBlockNumber, String root, String executionBlockHash, boolean proven, List<String> proofTypes) {}
}
