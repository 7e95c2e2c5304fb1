package io.zkstateless.validator.tracking;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.chain.ProvenChainEvent;
import io.zkstateless.validator.chain.ProvenChainTracker;
import io.zkstateless.validator.chain.UnknownAncestorException;
import io.zkstateless.validator.config.ProofStoreProperties;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.store.BlockStore;
import io.zkstateless.validator.store.CheckpointStore;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.store.StoredProof;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The proven view as a service: every change is written to PostgreSQL first and applied to the
 * in-memory {@link ProvenChainTracker} second, so a restart rebuilds exactly the same view from
 * the store. Calls are serialised; each one is short because the tracker works in time
 * proportional to the change.
 */
@Service
public class ProvenChainService {

  private static final Logger LOG = LoggerFactory.getLogger(ProvenChainService.class);

  private final BlockStore blocks;
  private final ProofStore proofs;
  private final CheckpointStore checkpoints;
  private final ZkChainProperties zk;
  private final ProofStoreProperties limits;
  private final ProvenChainListener listener;
  private final Clock clock;
  private final List<Consumer<BeaconBlock>> blockListeners = new CopyOnWriteArrayList<>();
  private ProvenChainTracker tracker;

  public ProvenChainService(
      final BlockStore blocks,
      final ProofStore proofs,
      final CheckpointStore checkpoints,
      final ZkChainProperties zk,
      final ProofStoreProperties limits,
      final ProvenChainListener listener,
      final Clock clock) {
    this.blocks = blocks;
    this.proofs = proofs;
    this.checkpoints = checkpoints;
    this.zk = zk;
    this.limits = limits;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * Rebuilds the view from the store; false when nothing was stored yet (first start). Block
   * listeners are then told of every restored block, outside the lock, as if it had just been
   * recorded: proofs that arrived while the view was still empty (Kafka redelivers right after a
   * restart, before the beacon follower has restored anything) wait for their block, and the
   * restored blocks are never recorded again, so without this they would wait until they expire.
   */
  public boolean restore() {
    final List<BeaconBlock> restored;
    synchronized (this) {
      restored = restoreView();
    }
    if (restored.isEmpty()) {
      return false;
    }
    restored.forEach(block -> blockListeners.forEach(listener -> listener.accept(block)));
    return true;
  }

  private List<BeaconBlock> restoreView() {
    final Optional<BeaconBlock> finalized =
        checkpoints.root(CheckpointStore.Name.FINALIZED).flatMap(blocks::byRoot);
    if (finalized.isEmpty()) {
      return List.of();
    }
    tracker = newTracker(finalized.get());
    final List<BeaconBlock> restored = new ArrayList<>();
    restored.add(finalized.get());
    for (final BeaconBlock block : blocks.fromSlot(finalized.get().slot())) {
      tracker.onBlock(block);
      restored.add(block);
    }
    for (final ProofStore.ProofKey key : proofs.keysForBlocksFromSlot(finalized.get().slot())) {
      tracker.onValidProof(key.blockHash(), key.proofType());
    }
    final Optional<Bytes32> head = checkpoints.root(CheckpointStore.Name.HEAD);
    if (head.isPresent() && !head.get().equals(finalized.get().root())) {
      try {
        tracker.onHead(head.get());
      } catch (final UnknownAncestorException e) {
        LOG.warn("Stored head does not link to the finalized checkpoint; backfill will repair: {}", e.getMessage());
      }
    }
    LOG.info("Restored proven view: {} blocks, heads {}", tracker.trackedBlocks(), tracker.heads());
    return restored;
  }

  /** Starts an empty view at a finalized checkpoint (first start, or after a long outage). */
  public synchronized void anchor(final BeaconBlock finalized) {
    blocks.save(finalized);
    checkpoints.save(CheckpointStore.Name.FINALIZED, finalized.root(), finalized.slot(), clock.instant());
    checkpoints.save(CheckpointStore.Name.HEAD, finalized.root(), finalized.slot(), clock.instant());
    tracker = newTracker(finalized);
  }

  public synchronized boolean isAnchored() {
    return tracker != null;
  }

  public synchronized boolean knows(final Bytes32 root) {
    return tracker().knows(root);
  }

  /**
   * Records a block of any branch; its stored proofs, if any, count at once. Block listeners (the
   * proofs waiting for this block) are told after the lock is released.
   */
  public List<ProvenChainEvent> recordBlock(final BeaconBlock block) {
    final List<ProvenChainEvent> events;
    synchronized (this) {
      blocks.save(block);
      if (!tracker().onBlock(block)) {
        return List.of();
      }
      final List<ProvenChainEvent> proven = new ArrayList<>();
      for (final int type : proofs.typesFor(block.executionBlockHash())) {
        proven.addAll(tracker.onValidProof(block.executionBlockHash(), type));
      }
      events = publish(proven);
    }
    blockListeners.forEach(listener -> listener.accept(block));
    return events;
  }

  /** Called with every newly recorded block, on the recording thread, outside the lock. */
  public void addBlockListener(final Consumer<BeaconBlock> listener) {
    blockListeners.add(listener);
  }

  public synchronized Optional<BeaconBlock> blockByExecutionHash(final Bytes32 executionBlockHash) {
    return tracker == null ? Optional.empty() : tracker.blockByExecutionHash(executionBlockHash);
  }

  /** Whether a valid proof of this type is already stored for the execution block hash. */
  public boolean hasValidProof(final Bytes32 executionBlockHash, final int proofType) {
    return proofs.typesFor(executionBlockHash).contains(proofType);
  }

  public synchronized List<ProvenChainEvent> updateHead(final Bytes32 headRoot) throws UnknownAncestorException {
    final List<ProvenChainEvent> events = tracker().onHead(headRoot);
    final BeaconBlock head = tracker.heads().optimisticHead();
    checkpoints.save(CheckpointStore.Name.HEAD, head.root(), head.slot(), clock.instant());
    return publish(events);
  }

  public synchronized List<ProvenChainEvent> updateFinalized(final Bytes32 root) throws UnknownAncestorException {
    final List<ProvenChainEvent> events = tracker().onFinalized(root);
    if (events.isEmpty()) {
      return events;
    }
    final BeaconBlock finalized = tracker.heads().finalized();
    checkpoints.save(CheckpointStore.Name.FINALIZED, finalized.root(), finalized.slot(), clock.instant());
    blocks.pruneBelow(finalized);
    proofs.pruneOrphans(clock.instant().minus(limits.orphanRetention()));
    return publish(events);
  }

  /**
   * Stores a verified proof (idempotent by block hash and type) and updates the proven view. The
   * insert runs outside the lock so concurrent proofs commit in parallel (PostgreSQL groups their
   * WAL flushes); only the in-memory update is serialised. A proof committed while the view is
   * being restored is either read by the restore or applied right after it.
   */
  public ProofOutcome recordValidProof(final StoredProof proof) {
    if (!proofs.save(proof)) {
      return ProofOutcome.DUPLICATE;
    }
    synchronized (this) {
      if (tracker != null) {
        publish(tracker.onValidProof(proof.blockHash(), proof.proofType()));
      }
    }
    return ProofOutcome.STORED;
  }

  public synchronized Optional<ChainHeads> heads() {
    return tracker == null ? Optional.empty() : Optional.of(tracker.heads());
  }

  public synchronized boolean isProven(final BeaconBlock block) {
    return tracker().isProven(block);
  }

  /** A page of the canonical chain with each block's status, lowest slot first. */
  public synchronized List<BlockStatus> canonicalPage(final long fromSlot, final int limit) {
    if (tracker == null) {
      return List.of();
    }
    return tracker.canonicalFrom(fromSlot, limit).stream()
        .map(block -> new BlockStatus(block, true, tracker.isProven(block)))
        .toList();
  }

  /** The last {@code limit} canonical blocks with their status, head first. */
  public synchronized List<BlockStatus> recentCanonical(final int limit) {
    if (tracker == null) {
      return List.of();
    }
    return tracker.canonicalTail(limit).stream()
        .map(block -> new BlockStatus(block, true, tracker.isProven(block)))
        .toList();
  }

  /** A block of the view by beacon root or by execution block hash, with its status. */
  public synchronized Optional<BlockStatus> status(final Bytes32 rootOrExecutionHash) {
    if (tracker == null) {
      return Optional.empty();
    }
    return tracker.block(rootOrExecutionHash)
        .or(() -> tracker.blockByExecutionHash(rootOrExecutionHash))
        .map(block -> new BlockStatus(block, tracker.isCanonical(block.root()), tracker.isProven(block)));
  }

  /** A block with whether it is on the canonical chain and proven. */
  public record BlockStatus(BeaconBlock block, boolean canonical, boolean proven) {}

  private ProvenChainTracker newTracker(final BeaconBlock anchor) {
    return new ProvenChainTracker(anchor, zk.statelessMinProofsRequired(), limits.maxReorgDepth(), limits.indexSize());
  }

  private ProvenChainTracker tracker() {
    if (tracker == null) {
      throw new IllegalStateException("The proven view has no finalized checkpoint yet");
    }
    return tracker;
  }

  private List<ProvenChainEvent> publish(final List<ProvenChainEvent> events) {
    if (!events.isEmpty()) {
      listener.onEvents(events);
    }
    return events;
  }
}
