package io.zkstateless.common.model.ssz.progressive;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code merkleize_progressive} of consensus-specs {@code ssz/simple-serialize.md} (EIP-7916): the
 * chunks fill subtrees of 1, 4, 16, 64, ... leaves; each level's root is {@code hash(successor,
 * subtree)} and the chain ends in a zero chunk. The successor comes first: this matches the
 * consensus-specs text and the published dynamic-ssz vectors, and differs from the order in the
 * first EIP-7916 draft ({@code mix_in_aux(subtree, successor)}).
 */
public final class ProgressiveMerkleizer {

  /** Leaves of the first subtree; each next subtree is {@link #SCALING_FACTOR} times wider. */
  static final int BASE_SIZE = 1;

  static final int SCALING_FACTOR = 4;

  private ProgressiveMerkleizer() {}

  /** Root of {@code chunks} merkleized progressively; the empty list gives the zero chunk. */
  public static Bytes32 merkleizeProgressive(final List<Bytes32> chunks) {
    final List<Bytes32> subtreeRoots = new ArrayList<>();
    int from = 0;
    int width = BASE_SIZE;
    int depth = 0;
    while (from < chunks.size()) {
      final int count = Math.min(width, chunks.size() - from);
      subtreeRoots.add(BinaryMerkle.root(chunks.subList(from, from + count), depth));
      from += count;
      // Widths run 1, 4, 16, ... so the subtree depth grows by two per level.
      width *= SCALING_FACTOR;
      depth += 2;
    }
    Bytes32 successor = Bytes32.ZERO;
    for (int level = subtreeRoots.size() - 1; level >= 0; level--) {
      successor = BinaryMerkle.hash(successor, subtreeRoots.get(level));
    }
    return successor;
  }

  /** {@code mix_in_active_fields}: the progressive container root. */
  public static Bytes32 mixInActiveFields(final Bytes32 root, final ActiveFields activeFields) {
    return BinaryMerkle.hash(root, activeFields.packed());
  }

  /** {@code mix_in_length} with the length as a little-endian uint256. */
  public static Bytes32 mixInLength(final Bytes32 root, final long length) {
    final byte[] chunk = new byte[Bytes32.SIZE];
    for (int i = 0; i < Long.BYTES; i++) {
      chunk[i] = (byte) (length >>> (8 * i));
    }
    return BinaryMerkle.hash(root, Bytes32.wrap(chunk));
  }
}
