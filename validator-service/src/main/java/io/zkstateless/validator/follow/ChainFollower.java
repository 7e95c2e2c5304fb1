package io.zkstateless.validator.follow;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.UnknownAncestorException;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the optimistic view equal to the beacon node's chain. SSE events are hints: every block
 * they name is fetched and linked to its parent, so a missed or malformed event only delays the
 * view until the next event or backfill. Fork choice is the node's; we only record it.
 */
public class ChainFollower {

  private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

  private final BeaconApiClient api;
  private final ProvenChainService chain;
  private final int maxBackfillBlocks;

  public ChainFollower(final BeaconApiClient api, final ProvenChainService chain, final int maxBackfillBlocks) {
    this.api = api;
    this.chain = chain;
    this.maxBackfillBlocks = maxBackfillBlocks;
  }

  /**
   * Brings the view to the node's head and finality: it restores the stored view, or on first
   * start (and after an outage longer than the backfill bound) anchors at the node's finalized
   * block, then walks back from the head to the first known block.
   */
  public void backfill() {
    final BeaconApiClient.BlockHeaderInfo finalized = api.header("finalized");
    if (!chain.isAnchored() && !chain.restore()) {
      chain.anchor(api.block(finalized.root()));
    }
    final BeaconApiClient.BlockHeaderInfo head = api.header("head");
    moveHead(head.root(), finalized.root());
    applyFinalized(finalized.root());
  }

  public void handle(final BeaconEvent event) {
    switch (event) {
      case BeaconEvent.Block block -> ensureKnown(block.root(), null);
      case BeaconEvent.Head head -> moveHead(head.root(), null);
      case BeaconEvent.ChainReorg reorg -> moveHead(reorg.newHeadRoot(), null);
      case BeaconEvent.FinalizedCheckpoint checkpoint -> applyFinalized(checkpoint.root());
    }
  }

  private void moveHead(final Bytes32 headRoot, final Bytes32 finalizedRoot) {
    ensureKnown(headRoot, finalizedRoot);
    try {
      chain.updateHead(headRoot);
    } catch (final UnknownAncestorException e) {
      throw new BeaconApiException("head " + headRoot + " does not link to the proven view: " + e.getMessage());
    }
  }

  private void applyFinalized(final Bytes32 root) {
    if (!chain.knows(root)) {
      ensureKnown(root, null);
    }
    try {
      chain.updateFinalized(root);
    } catch (final UnknownAncestorException e) {
      // The checkpoint is on a branch our head has not switched to yet; the next head fixes it.
      LOG.debug("Finalized checkpoint {} not canonical in our view yet", root);
    }
  }

  /**
   * Fetches {@code root} and its unknown ancestors, oldest recorded first. If the walk exceeds the
   * bound and the node's finalized root is given, the view re-anchors there (a long outage).
   */
  private void ensureKnown(final Bytes32 root, final Bytes32 finalizedRoot) {
    final List<BeaconBlock> missing = new ArrayList<>();
    Bytes32 cursor = root;
    final long floor = chain.heads().orElseThrow().finalized().slot();
    while (!chain.knows(cursor)) {
      if (missing.size() >= maxBackfillBlocks) {
        if (finalizedRoot == null) {
          throw new BeaconApiException("block " + root + " is more than " + maxBackfillBlocks + " blocks from the known chain");
        }
        LOG.warn("Gap longer than {} blocks: re-anchoring at finalized {}", maxBackfillBlocks, finalizedRoot);
        chain.anchor(api.block(finalizedRoot));
        ensureKnown(root, null);
        return;
      }
      final BeaconBlock block = api.block(cursor);
      if (block.slot() <= floor) {
        throw new BeaconApiException("block " + cursor + " at slot " + block.slot() + " does not descend from the finalized checkpoint");
      }
      missing.add(block);
      cursor = block.parentRoot();
    }
    for (final BeaconBlock block : missing.reversed()) {
      chain.recordBlock(block);
    }
  }
}
