package io.zkstateless.common.model.fork;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A 4-byte fork digest, the chain-and-fork separator in eth2 gossip topic names (consensus specs
 * {@code compute_fork_digest}).
 */
public record ForkDigest(String hex) {

  public static final int SIZE = 4;

  public ForkDigest {
    if (hex == null || !hex.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "fork digest must be 4 bytes as 8 lower-case hex digits, got '" + hex + "'");
    }
  }

  /** Parses {@code 0x}-prefixed or bare hex, either case. */
  public static ForkDigest fromHex(final String text) {
    final String bare = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    return new ForkDigest(bare.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Phase 0 to Electra: {@code hash_tree_root(ForkData(version, gvr))[:4]}. ForkData has two
   * chunks, the version right-padded to 32 bytes and the root, so its root is one sha256.
   */
  public static ForkDigest compute(final byte[] forkVersion, final Bytes32 genesisValidatorsRoot) {
    return new ForkDigest(
        Hex.encodeBare(Arrays.copyOf(forkDataRoot(forkVersion, genesisValidatorsRoot), SIZE)));
  }

  /**
   * Fulu and later (EIP-7892): the fork data root XORed with {@code sha256(uint64_le(epoch) ‖
   * uint64_le(max_blobs_per_block))} of the blob parameters in force, then truncated, so that a
   * blob-parameter-only fork also separates the gossip networks.
   */
  public static ForkDigest compute(
      final byte[] forkVersion, final Bytes32 genesisValidatorsRoot, final BlobParameters blobs) {
    final byte[] base = forkDataRoot(forkVersion, genesisValidatorsRoot);
    final byte[] mask =
        Hashes.sha256(
                ByteBuffer.allocate(16)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(blobs.epoch())
                    .putLong(blobs.maxBlobsPerBlock())
                    .array())
            .toArray();
    final byte[] digest = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      digest[i] = (byte) (base[i] ^ mask[i]);
    }
    return new ForkDigest(Hex.encodeBare(digest));
  }

  public byte[] toBytes() {
    return Hex.decode(hex);
  }

  private static byte[] forkDataRoot(
      final byte[] forkVersion, final Bytes32 genesisValidatorsRoot) {
    if (forkVersion.length != SIZE) {
      throw new IllegalArgumentException("fork version must be 4 bytes, got " + forkVersion.length);
    }
    return Hashes.sha256(Arrays.copyOf(forkVersion, 32), genesisValidatorsRoot.toArray()).toArray();
  }

  @Override
  public String toString() {
    return hex;
  }
}
