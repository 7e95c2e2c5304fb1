package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The proven view beside the optimistic one. It keeps every known block since the finalized
 * checkpoint (all branches), the canonical chain as positions counted from the checkpoint, and
 * which proof types are valid per execution block hash. Every update costs time proportional to
 * what changed (blocks appended, reorg depth, blocks finalized), never to the chain length.
 *
 * <p>Fork choice is never consulted or changed: the canonical chain is whatever the beacon node
 * says the head is. Not thread-safe; the owner serialises calls.
 */
public final class ProvenChainTracker {

  private final int minProofsRequired;
  private final int maxReorgWalk;
  private final Map<Bytes32, BeaconBlock> blocks = new HashMap<>();
  private final TreeMap<Long, List<Bytes32>> rootsBySlot = new TreeMap<>();
  private final Map<Bytes32, List<Bytes32>> rootsByExecutionHash = new HashMap<>();
  private final ProofTypeIndex proofTypes;
  private final CanonicalChain canonical;
  private final TreeSet<Long> provenCanonicalPositions = new TreeSet<>();
  private long provenPosition;

  /**
   * @param anchor the finalized checkpoint block the view starts from
   * @param maxReorgWalk how many blocks a head change may walk back before it gives up
   * @param maxIndexedHashes bound of the in-memory proof-type index (least recently used evicted)
   */
  public ProvenChainTracker(
      final BeaconBlock anchor,
      final int minProofsRequired,
      final int maxReorgWalk,
      final int maxIndexedHashes) {
    if (minProofsRequired < 1) {
      throw new IllegalArgumentException("minProofsRequired must be at least 1");
    }
    this.minProofsRequired = minProofsRequired;
    this.maxReorgWalk = maxReorgWalk;
    this.proofTypes = new ProofTypeIndex(maxIndexedHashes);
    this.canonical = new CanonicalChain(anchor.root());
    this.provenPosition = canonical.finalizedPosition();
    index(anchor);
  }

  /** Records a block of any branch; false if it was already known. */
  public boolean onBlock(final BeaconBlock block) {
    if (blocks.containsKey(block.root())) {
      return false;
    }
    index(block);
    return true;
  }

  public boolean knows(final Bytes32 root) {
    return blocks.containsKey(root);
  }

  public Optional<BeaconBlock> block(final Bytes32 root) {
    return Optional.ofNullable(blocks.get(root));
  }

  /** A known block carrying this execution payload, the canonical one if several do. */
  public Optional<BeaconBlock> blockByExecutionHash(final Bytes32 executionBlockHash) {
    final List<Bytes32> roots = rootsByExecutionHash.getOrDefault(executionBlockHash, List.of());
    return roots.stream()
        .filter(this::isCanonical)
        .findFirst()
        .or(() -> roots.stream().findFirst())
        .map(blocks::get);
  }

  /** The beacon node's head moved to {@code headRoot}: extend or switch the canonical chain. */
  public List<ProvenChainEvent> onHead(final Bytes32 headRoot) throws UnknownAncestorException {
    if (headRoot.equals(canonical.headRoot())) {
      return List.of();
    }
    final List<BeaconBlock> newBranch = branchDownToCanonical(headRoot);
    final Bytes32 ancestor = newBranch.isEmpty() ? headRoot : newBranch.getLast().parentRoot();
    final long ancestorPosition = canonical.positionOf(ancestor).orElseThrow();
    final BeaconBlock oldProvenHead = provenHead();
    final Bytes32 oldHead = canonical.headRoot();
    final int depth = (int) (canonical.headPosition() - ancestorPosition);

    final List<ProvenChainEvent> events = new ArrayList<>();
    canonical.truncateAfter(ancestorPosition);
    provenCanonicalPositions.tailSet(ancestorPosition, false).clear();
    provenPosition = Math.min(provenPosition, ancestorPosition);
    if (depth > 0) {
      events.add(new ProvenChainEvent.Reorg(oldHead, headRoot, ancestor, depth));
    }
    for (final BeaconBlock block : newBranch.reversed()) {
      final long position = canonical.append(block.root());
      if (isProven(block)) {
        provenCanonicalPositions.add(position);
      }
    }
    advanceProvenHead();
    addHeadMoved(events, oldProvenHead);
    return events;
  }

  /** A proof of {@code proofType} was verified for {@code executionBlockHash}. */
  public List<ProvenChainEvent> onValidProof(final Bytes32 executionBlockHash, final int proofType) {
    final int before = proofTypes.count(executionBlockHash);
    if (!proofTypes.add(executionBlockHash, proofType) || before + 1 != minProofsRequired) {
      return List.of();
    }
    final BeaconBlock oldProvenHead = provenHead();
    final List<ProvenChainEvent> events = new ArrayList<>();
    for (final Bytes32 root : rootsByExecutionHash.getOrDefault(executionBlockHash, List.of())) {
      final BeaconBlock block = blocks.get(root);
      events.add(new ProvenChainEvent.BlockProven(root, block.slot(), executionBlockHash, minProofsRequired));
      canonical.positionOf(root).ifPresent(provenCanonicalPositions::add);
    }
    advanceProvenHead();
    addHeadMoved(events, oldProvenHead);
    return events;
  }

  /**
   * The finalized checkpoint moved to {@code root}, which must be on the canonical chain (move the
   * head first when it is not). Blocks at or below its slot, other than it, are pruned.
   */
  public List<ProvenChainEvent> onFinalized(final Bytes32 root) throws UnknownAncestorException {
    final Optional<Long> position = canonical.positionOf(root);
    if (position.isEmpty()) {
      throw new UnknownAncestorException(root, "finalized checkpoint not on the canonical chain");
    }
    if (position.get() <= canonical.finalizedPosition()) {
      return List.of();
    }
    final BeaconBlock oldProvenHead = provenHead();
    canonical.finalizeAt(position.get());
    provenCanonicalPositions.headSet(position.get(), false).clear();
    provenPosition = Math.max(provenPosition, position.get());
    advanceProvenHead();
    final BeaconBlock finalized = blocks.get(root);
    final int pruned = prune(finalized);
    final List<ProvenChainEvent> events = new ArrayList<>();
    events.add(new ProvenChainEvent.Finalized(root, finalized.slot(), pruned));
    addHeadMoved(events, oldProvenHead);
    return events;
  }

  public ChainHeads heads() {
    final long latest =
        provenCanonicalPositions.isEmpty()
            ? provenPosition
            : Math.max(provenPosition, provenCanonicalPositions.last());
    return new ChainHeads(
        blocks.get(canonical.headRoot()),
        provenHead(),
        blocks.get(canonical.rootAt(latest)),
        blocks.get(canonical.finalizedRoot()));
  }

  public boolean isProven(final BeaconBlock block) {
    return !block.hasExecutionPayload() || proofTypes.count(block.executionBlockHash()) >= minProofsRequired;
  }

  /**
   * Canonical blocks from the finalized checkpoint to the head with slot at or above {@code
   * fromSlot}, at most {@code limit}, lowest first. Slots grow along the chain, so the start is
   * found by binary search.
   */
  public List<BeaconBlock> canonicalFrom(final long fromSlot, final int limit) {
    long low = canonical.finalizedPosition();
    long high = canonical.headPosition() + 1;
    while (low < high) {
      final long mid = (low + high) >>> 1;
      if (blocks.get(canonical.rootAt(mid)).slot() < fromSlot) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    final List<BeaconBlock> page = new ArrayList<>(Math.min(limit, 256));
    for (long position = low; position <= canonical.headPosition() && page.size() < limit; position++) {
      page.add(blocks.get(canonical.rootAt(position)));
    }
    return page;
  }

  /** The last {@code limit} canonical blocks down to the finalized checkpoint, head first. */
  public List<BeaconBlock> canonicalTail(final int limit) {
    final List<BeaconBlock> tail = new ArrayList<>(Math.min(limit, 256));
    for (long position = canonical.headPosition();
        position >= canonical.finalizedPosition() && tail.size() < limit;
        position--) {
      tail.add(blocks.get(canonical.rootAt(position)));
    }
    return tail;
  }

  public boolean isCanonical(final Bytes32 root) {
    return canonical.positionOf(root).isPresent();
  }

  public int trackedBlocks() {
    return blocks.size();
  }

  private BeaconBlock provenHead() {
    return blocks.get(canonical.rootAt(provenPosition));
  }

  private void advanceProvenHead() {
    while (provenPosition < canonical.headPosition()
        && provenCanonicalPositions.contains(provenPosition + 1)) {
      provenPosition++;
    }
  }

  private void addHeadMoved(final List<ProvenChainEvent> events, final BeaconBlock oldProvenHead) {
    final BeaconBlock newProvenHead = provenHead();
    if (!newProvenHead.root().equals(oldProvenHead.root())) {
      events.add(
          new ProvenChainEvent.ProvenHeadMoved(
              oldProvenHead.root(), oldProvenHead.slot(), newProvenHead.root(), newProvenHead.slot()));
    }
  }

  /**
   * Blocks from {@code headRoot} down to (excluding) the first canonical one, newest first; empty
   * when the new head is itself canonical (the head went back to one of its ancestors).
   */
  private List<BeaconBlock> branchDownToCanonical(final Bytes32 headRoot) throws UnknownAncestorException {
    final List<BeaconBlock> branch = new ArrayList<>();
    Bytes32 cursor = headRoot;
    while (canonical.positionOf(cursor).isEmpty()) {
      final BeaconBlock block = blocks.get(cursor);
      if (block == null) {
        throw new UnknownAncestorException(cursor, "head " + headRoot + " does not link to the finalized checkpoint");
      }
      if (branch.size() >= maxReorgWalk) {
        throw UnknownAncestorException.walkTooLong(headRoot, cursor, maxReorgWalk);
      }
      branch.add(block);
      cursor = block.parentRoot();
    }
    return branch;
  }

  private void index(final BeaconBlock block) {
    blocks.put(block.root(), block);
    rootsBySlot.computeIfAbsent(block.slot(), s -> new ArrayList<>(1)).add(block.root());
    if (block.hasExecutionPayload()) {
      rootsByExecutionHash.computeIfAbsent(block.executionBlockHash(), h -> new ArrayList<>(1)).add(block.root());
    }
  }

  /** Drops blocks at or below the finalized slot (other than it), in time proportional to them. */
  private int prune(final BeaconBlock finalized) {
    final List<Bytes32> stale = new ArrayList<>();
    final Map<Long, List<Bytes32>> old = rootsBySlot.headMap(finalized.slot(), true);
    old.values().forEach(stale::addAll);
    old.clear();
    stale.remove(finalized.root());
    rootsBySlot.computeIfAbsent(finalized.slot(), s -> new ArrayList<>(1)).add(finalized.root());
    for (final Bytes32 root : stale) {
      final BeaconBlock block = blocks.remove(root);
      final List<Bytes32> roots = rootsByExecutionHash.get(block.executionBlockHash());
      if (roots != null) {
        roots.remove(root);
        if (roots.isEmpty()) {
          rootsByExecutionHash.remove(block.executionBlockHash());
          proofTypes.remove(block.executionBlockHash());
        }
      }
    }
    return stale.size();
  }
}
