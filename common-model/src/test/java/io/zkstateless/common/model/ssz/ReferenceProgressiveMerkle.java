package io.zkstateless.common.model.ssz;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately naive transcription of the EIP-7916 pseudocode ({@code hash(merkleize(first
 * num_leaves chunks), merkleize_progressive(rest, 4 * num_leaves))}), independent of the production
 * merkleizers: no zero-hash cache, explicit padding, plain recursion. Tests compare the optimised
 * code against it on small inputs.
 */
final class ReferenceProgressiveMerkle {

  private ReferenceProgressiveMerkle() {}

  /** {@code merkleize_progressive(chunks, num_leaves)}. */
  static byte[] merkleizeProgressive(final List<byte[]> chunks, final int numLeaves) {
    if (chunks.isEmpty()) {
      return new byte[32];
    }
    final int split = Math.min(numLeaves, chunks.size());
    final byte[] a = merkleize(chunks.subList(0, split), numLeaves);
    final byte[] b = merkleizeProgressive(chunks.subList(split, chunks.size()), numLeaves * 4);
    return hash(a, b);
  }

  /** {@code merkleize(chunks, limit)}: pad with zero chunks to the next power of two of limit. */
  static byte[] merkleize(final List<byte[]> chunks, final int limit) {
    int width = 1;
    while (width < limit) {
      width *= 2;
    }
    List<byte[]> layer = new ArrayList<>(chunks);
    while (layer.size() < width) {
      layer.add(new byte[32]);
    }
    while (layer.size() > 1) {
      final List<byte[]> parent = new ArrayList<>();
      for (int i = 0; i < layer.size(); i += 2) {
        parent.add(hash(layer.get(i), layer.get(i + 1)));
      }
      layer = parent;
    }
    return layer.get(0);
  }

  /** {@code pack}: right-pad to whole chunks and split. */
  static List<byte[]> pack(final byte[] bytes) {
    final List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += 32) {
      chunks.add(Arrays.copyOf(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 32)), 32));
    }
    return chunks;
  }

  static byte[] mixInLength(final byte[] root, final long length) {
    final byte[] chunk = new byte[32];
    for (int i = 0; i < 8; i++) {
      chunk[i] = (byte) (length >>> (8 * i));
    }
    return hash(root, chunk);
  }

  static byte[] hash(final byte[] left, final byte[] right) {
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(left);
      sha256.update(right);
      return sha256.digest();
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
