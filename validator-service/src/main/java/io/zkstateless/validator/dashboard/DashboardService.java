package io.zkstateless.validator.dashboard;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.dashboard.DashboardView.Heads;
import io.zkstateless.validator.dashboard.DashboardView.RecentBlock;
import io.zkstateless.validator.dashboard.DashboardView.SubnetProofs;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenChainService.BlockStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the {@link DashboardView}: heads and blocks from memory, proof counts from the store. */
final class DashboardService {

  private final ProvenChainService chain;
  private final ProofStore proofs;
  private final ProofTypeRegistry types;
  private final ZkChainProperties zk;
  private final HeadHistory history;
  private final int recentBlocks;
  private final Clock clock;

  DashboardService(
      final ProvenChainService chain,
      final ProofStore proofs,
      final ProofTypeRegistry types,
      final ZkChainProperties zk,
      final HeadHistory history,
      final int recentBlocks,
      final Clock clock) {
    this.chain = chain;
    this.proofs = proofs;
    this.types = types;
    this.zk = zk;
    this.history = history;
    this.recentBlocks = recentBlocks;
    this.clock = clock;
  }

  /** Blocks on two short queries: call it off the event loop. */
  DashboardView view() {
    return new DashboardView(
        clock.millis(),
        chain.heads().map(Heads::of).orElse(null),
        zk.statelessMinProofsRequired(),
        proofsPerSubnet(),
        recentBlocks(),
        history.samples());
  }

  private List<SubnetProofs> proofsPerSubnet() {
    final Map<Integer, Long> counts = proofs.countsByProofType();
    // Every configured subnet, so an idle one shows as 0; plus any stored type no longer configured.
    final TreeSet<Integer> subnets = new TreeSet<>(counts.keySet());
    for (int subnet = 0; subnet < zk.maxExecutionProofSubnets(); subnet++) {
      subnets.add(subnet);
    }
    final List<SubnetProofs> rows = new ArrayList<>(subnets.size());
    for (final int subnet : subnets) {
      rows.add(new SubnetProofs(
          subnet, types.findById(subnet).map(ProofType::name).orElse(null), counts.getOrDefault(subnet, 0L)));
    }
    return rows;
  }

  private List<RecentBlock> recentBlocks() {
    final List<BlockStatus> blocks = chain.recentCanonical(recentBlocks);
    final Map<Bytes32, List<Integer>> stored =
        proofs.typesFor(blocks.stream().map(status -> status.block().executionBlockHash()).toList());
    return blocks.stream()
        .map(status -> new RecentBlock(
            status.block().slot(),
            status.block().executionBlockNumber(),
            status.block().root().toHexString(),
            status.block().executionBlockHash().toHexString(),
            status.proven(),
            stored.getOrDefault(status.block().executionBlockHash(), List.of()).stream().map(this::typeName).toList()))
        .toList();
  }

  private String typeName(final int typeId) {
    return types.findById(typeId).map(ProofType::name).orElse("type " + typeId);
  }
}
