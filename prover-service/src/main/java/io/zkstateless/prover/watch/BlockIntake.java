package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.jobs.ProofJobStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns beacon block roots into proof jobs, each block once. A root the job table already knows is
 * done (the table is the watcher's durable memory, so a restart resumes where it stopped); an
 * unknown one is fetched, and so are its unknown ancestors up to {@code maxBackfillBlocks}, so a
 * missed event or a downtime leaves no gap on the chain being followed. Blocks of side branches
 * arrive through their own {@code block} events and are handled the same way; those whose events
 * were missed (downtime, a dropped stream) are found by {@link #backfillSlots}, which asks the node
 * for every block it knows at each slot of a range.
 */
public class BlockIntake {

  private static final Logger LOG = LoggerFactory.getLogger(BlockIntake.class);
  private static final int RECENT_ROOTS = 4096;

  private final BeaconBlocksClient beacon;
  private final ProofJobStore store;
  private final List<String> proofTypes;
  private final int maxBackfillBlocks;
  private final Clock clock;
  private final Set<Bytes32> recent =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<Bytes32, Boolean> eldest) {
              return size() > RECENT_ROOTS;
            }
          });

  public BlockIntake(
      final BeaconBlocksClient beacon,
      final ProofJobStore store,
      final List<String> proofTypes,
      final int maxBackfillBlocks,
      final Clock clock) {
    this.beacon = beacon;
    this.store = store;
    this.proofTypes = List.copyOf(proofTypes);
    this.maxBackfillBlocks = maxBackfillBlocks;
    this.clock = clock;
  }

  /**
   * Makes jobs for the block and its unknown ancestors; how many jobs were new.
   *
   * @throws BeaconWatchException if the beacon node cannot tell us a block
   */
  public synchronized int onBlock(final Bytes32 root) {
    final Deque<BeaconBlockInfo> unknown = new ArrayDeque<>();
    Bytes32 next = root;
    while (unknown.size() < maxBackfillBlocks && !next.equals(Bytes32.ZERO) && !known(next)) {
      final BeaconBlockInfo block = beacon.block(next);
      unknown.push(block);
      next = block.parentRoot();
    }
    // Oldest first, so a crash part-way leaves a known prefix and the next walk stops above it.
    int created = 0;
    while (!unknown.isEmpty()) {
      final BeaconBlockInfo block = unknown.pop();
      if (block.hasExecutionPayload()) {
        created += store.enqueue(block.toBlockRef(), proofTypes, clock.instant());
      }
      recent.add(block.root());
    }
    return created;
  }

  /**
   * Makes jobs for every block the node lists at each slot from {@code fromSlot} to {@code toSlot}
   * ({@code GET /eth/v1/beacon/headers?slot=}), side branches included where the node lists them
   * (Lodestar, Prysm; Teku and Lighthouse list the canonical block only), and their unknown
   * ancestors; how many jobs were new. A slot the node cannot answer ends the scan: the next
   * reconnect scans again.
   */
  public int backfillSlots(final long fromSlot, final long toSlot) {
    int created = 0;
    for (long slot = Math.max(0, fromSlot); slot <= toSlot; slot++) {
      final List<Bytes32> roots;
      try {
        roots = beacon.headerRoots("slot=" + slot);
      } catch (final BeaconWatchException e) {
        LOG.warn("Backfill stopped at slot {}: {}", slot, e.getMessage());
        return created;
      }
      for (final Bytes32 root : roots) {
        created += onBlock(root);
      }
    }
    return created;
  }

  private boolean known(final Bytes32 root) {
    return recent.contains(root) || store.knowsBeaconBlock(root);
  }
}
