package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SSZ merkleization primitives: pack, merkleize with a chunk limit, mix_in_length. Padding up
 * to the limit uses precomputed roots of all-zero subtrees, so a {@code ByteList[4 MiB]} with a few
 * bytes costs a few dozen hashes, not 2^17.
 */
public final class Merkleizer {

  public static final int CHUNK_SIZE = 32;
  private static final int MAX_DEPTH = 64;
  private static final byte[][] ZERO_HASHES = zeroHashes();

  private Merkleizer() {}

  /** Root of a subtree of depth {@code depth} whose leaves are all zero chunks. */
  public static byte[] zeroHash(final int depth) {
    return ZERO_HASHES[depth].clone();
  }

  /** Number of chunks needed to hold {@code byteCount} packed bytes. */
  public static long chunkCount(final long byteCount) {
    return (byteCount + CHUNK_SIZE - 1) / CHUNK_SIZE;
  }

  /**
   * Merkleizes {@code chunkCount} chunks stored back to back in {@code chunks} (which may be
   * longer, and whose last chunk may be short: it is zero-padded), as a tree sized for {@code
   * limit} chunks.
   *
   * @param chunks packed data or concatenated child roots; read only
   * @param byteLength how many bytes of {@code chunks} are data
   * @param limit chunk limit from the type; at least the actual chunk count
   */
  public static Bytes32 merkleize(final byte[] chunks, final int byteLength, final long limit) {
    final long count = chunkCount(byteLength);
    if (count > limit) {
      throw new IllegalArgumentException(count + " chunks exceed the limit of " + limit);
    }
    final int depth = depthFor(limit);
    if (count == 0) {
      return Bytes32.wrap(ZERO_HASHES[depth]);
    }
    // Work on a copy padded to whole chunks; each level is hashed in place into its first half.
    final byte[] layer = new byte[(int) count * CHUNK_SIZE];
    System.arraycopy(chunks, 0, layer, 0, byteLength);
    final MessageDigest sha256 = sha256();
    int nodes = (int) count;
    for (int level = 0; level < depth; level++) {
      final int parents = (nodes + 1) / 2;
      for (int i = 0; i < parents; i++) {
        final int left = 2 * i * CHUNK_SIZE;
        if (2 * i + 1 < nodes) {
          sha256.update(layer, left, 2 * CHUNK_SIZE);
        } else {
          sha256.update(layer, left, CHUNK_SIZE);
          sha256.update(ZERO_HASHES[level]);
        }
        digestInto(sha256, layer, i * CHUNK_SIZE);
      }
      nodes = parents;
    }
    return Bytes32.wrap(layer, 0);
  }

  /** hash(root || uint256 little-endian length): how lists and bitlists commit to their length. */
  public static Bytes32 mixInLength(final Bytes32 root, final long length) {
    final byte[] buffer = new byte[2 * CHUNK_SIZE];
    root.copyTo(buffer, 0);
    for (int i = 0; i < Long.BYTES; i++) {
      buffer[CHUNK_SIZE + i] = (byte) (length >>> (8 * i));
    }
    return Bytes32.wrap(sha256().digest(buffer));
  }

  /** Depth of a tree with room for {@code limit} leaves (next power of two; 0 and 1 give 0). */
  static int depthFor(final long limit) {
    return limit <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(limit - 1);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK ships SHA-256", e);
    }
  }

  private static void digestInto(final MessageDigest sha256, final byte[] out, final int offset) {
    try {
      sha256.digest(out, offset, CHUNK_SIZE);
    } catch (final DigestException e) {
      throw new IllegalStateException("32-byte room was reserved for SHA-256", e);
    }
  }

  private static byte[][] zeroHashes() {
    final byte[][] hashes = new byte[MAX_DEPTH + 1][];
    hashes[0] = new byte[CHUNK_SIZE];
    final MessageDigest sha256 = sha256();
    for (int depth = 1; depth <= MAX_DEPTH; depth++) {
      sha256.update(hashes[depth - 1]);
      sha256.update(hashes[depth - 1]);
      hashes[depth] = sha256.digest();
    }
    return hashes;
  }
}
