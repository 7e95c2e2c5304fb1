package io.zkstateless.common.model.ssz.progressive;

import io.zkstateless.common.model.bytes.Bytes32;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** SHA-256 binary merkle trees of a fixed depth with zero-chunk padding. */
final class BinaryMerkle {

  private static final int MAX_DEPTH = 64;
  private static final Bytes32[] ZERO_HASHES = zeroHashes();

  private BinaryMerkle() {}

  /** Root of {@code chunks} padded with zero chunks to {@code 2^depth} leaves. */
  static Bytes32 root(final List<Bytes32> chunks, final int depth) {
    if (chunks.size() > (1L << depth)) {
      throw new IllegalArgumentException(chunks.size() + " chunks exceed depth " + depth);
    }
    if (chunks.isEmpty()) {
      return ZERO_HASHES[depth];
    }
    Bytes32[] layer = chunks.toArray(new Bytes32[0]);
    for (int level = 0; level < depth; level++) {
      final Bytes32[] parent = new Bytes32[(layer.length + 1) / 2];
      for (int i = 0; i < parent.length; i++) {
        final Bytes32 right = 2 * i + 1 < layer.length ? layer[2 * i + 1] : ZERO_HASHES[level];
        parent[i] = hash(layer[2 * i], right);
      }
      layer = parent;
    }
    return layer[0];
  }

  static Bytes32 hash(final Bytes32 left, final Bytes32 right) {
    final MessageDigest digest = sha256();
    digest.update(left.toArray());
    digest.update(right.toArray());
    return Bytes32.wrap(digest.digest());
  }

  private static Bytes32[] zeroHashes() {
    final Bytes32[] zeros = new Bytes32[MAX_DEPTH + 1];
    zeros[0] = Bytes32.ZERO;
    for (int i = 1; i <= MAX_DEPTH; i++) {
      zeros[i] = hash(zeros[i - 1], zeros[i - 1]);
    }
    return zeros;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
