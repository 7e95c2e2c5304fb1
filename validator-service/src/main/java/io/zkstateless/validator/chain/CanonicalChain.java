package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical chain from the finalized checkpoint to the head, as absolute positions that never
 * shift: finalizing drops a prefix and a reorg drops a suffix, each in time proportional to the
 * number of blocks dropped.
 */
final class CanonicalChain {

  private final Map<Long, Bytes32> rootAt = new HashMap<>();
  private final Map<Bytes32, Long> positionOf = new HashMap<>();
  private long finalizedPosition;
  private long headPosition;

  CanonicalChain(final Bytes32 finalizedRoot) {
    rootAt.put(0L, finalizedRoot);
    positionOf.put(finalizedRoot, 0L);
  }

  long finalizedPosition() {
    return finalizedPosition;
  }

  long headPosition() {
    return headPosition;
  }

  Bytes32 headRoot() {
    return rootAt.get(headPosition);
  }

  Bytes32 finalizedRoot() {
    return rootAt.get(finalizedPosition);
  }

  Bytes32 rootAt(final long position) {
    final Bytes32 root = rootAt.get(position);
    if (root == null) {
      throw new IllegalArgumentException(
          "No canonical block at position " + position + " (" + finalizedPosition + ".." + headPosition + ")");
    }
    return root;
  }

  Optional<Long> positionOf(final Bytes32 root) {
    return Optional.ofNullable(positionOf.get(root));
  }

  long append(final Bytes32 root) {
    headPosition++;
    rootAt.put(headPosition, root);
    positionOf.put(root, headPosition);
    return headPosition;
  }

  /** Drops every block above {@code position}; the block at it becomes the head. */
  void truncateAfter(final long position) {
    while (headPosition > position) {
      positionOf.remove(rootAt.remove(headPosition));
      headPosition--;
    }
  }

  /** Drops every block below {@code position}; the block at it becomes the finalized checkpoint. */
  void finalizeAt(final long position) {
    while (finalizedPosition < position) {
      positionOf.remove(rootAt.remove(finalizedPosition));
      finalizedPosition++;
    }
  }
}
