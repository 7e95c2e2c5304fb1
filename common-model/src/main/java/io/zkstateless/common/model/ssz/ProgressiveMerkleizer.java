package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.Arrays;

/**
 * {@code merkleize_progressive} of EIP-7916 as it stands since the "merkleize to right" change
 * (ethereum/EIPs#11032, consensus-specs#4813, January 2026): the chunks fill subtrees of 1, 4, 16,
 * 64, ... leaves, each level's root is {@code hash(subtree, successor)}, and the last successor is
 * the zero chunk. The tree shape before that change hashed {@code hash(successor, subtree)}; its
 * roots differ, and older vectors (dynamic-ssz, remerkleable before the change) follow it. The
 * vectors of ethereum/ssz-specs follow this one.
 */
public final class ProgressiveMerkleizer {

  private static final int SCALING_FACTOR = 4;

  private ProgressiveMerkleizer() {}

  /**
   * Progressive root of {@code chunkCount(byteLength)} chunks stored back to back in {@code chunks}
   * (the last one may be short: it is zero-padded). No chunks give the zero chunk.
   */
  public static Bytes32 merkleizeProgressive(final byte[] chunks, final int byteLength) {
    final long chunkCount = Merkleizer.chunkCount(byteLength);
    // Subtree roots from the first (1 leaf) to the last; at most ~16 levels for 2^32 chunks.
    final Bytes32[] subtreeRoots = new Bytes32[levels(chunkCount)];
    long firstChunk = 0;
    long width = 1;
    for (int level = 0; level < subtreeRoots.length; level++) {
      final long count = Math.min(width, chunkCount - firstChunk);
      final int from = Math.toIntExact(firstChunk * Merkleizer.CHUNK_SIZE);
      final int to = (int) Math.min(byteLength, (firstChunk + count) * Merkleizer.CHUNK_SIZE);
      final byte[] slice = Arrays.copyOfRange(chunks, from, to);
      subtreeRoots[level] = Merkleizer.merkleize(slice, slice.length, width);
      firstChunk += count;
      width *= SCALING_FACTOR;
    }
    Bytes32 successor = Bytes32.ZERO;
    for (int level = subtreeRoots.length - 1; level >= 0; level--) {
      successor = hashPair(subtreeRoots[level], successor);
    }
    return successor;
  }

  /** {@code mix_in_active_fields}: how a progressive container commits to its field layout. */
  public static Bytes32 mixInActiveFields(final Bytes32 root, final ActiveFields activeFields) {
    return hashPair(root, activeFields.packed());
  }

  /** Levels needed for {@code chunkCount} chunks: the smallest n with 1+4+...+4^(n-1) >= count. */
  private static int levels(final long chunkCount) {
    int levels = 0;
    long capacity = 0;
    long width = 1;
    while (capacity < chunkCount) {
      capacity += width;
      width *= SCALING_FACTOR;
      levels++;
    }
    return levels;
  }

  private static Bytes32 hashPair(final Bytes32 left, final Bytes32 right) {
    final byte[] buffer = new byte[2 * Merkleizer.CHUNK_SIZE];
    left.copyTo(buffer, 0);
    right.copyTo(buffer, Merkleizer.CHUNK_SIZE);
    return Bytes32.wrap(Merkleizer.sha256().digest(buffer));
  }
}
