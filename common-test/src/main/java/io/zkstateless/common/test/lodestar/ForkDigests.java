package io.zkstateless.common.test.lodestar;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code compute_fork_digest} before Fulu: the first 4 bytes of {@code hash_tree_root(ForkData)},
 * which for two 32-byte chunks is SHA-256 of the zero-padded version and the genesis validators
 * root.
 */
final class ForkDigests {

  private static final HexFormat HEX = HexFormat.of();

  private ForkDigests() {}

  /** {@code version} (4 bytes) and {@code genesisValidatorsRoot} (32 bytes) as 0x-hex; 8 hex digits out. */
  static String compute(final String version, final String genesisValidatorsRoot) {
    final byte[] versionBytes = HEX.parseHex(strip(version));
    final byte[] root = HEX.parseHex(strip(genesisValidatorsRoot));
    if (versionBytes.length != 4 || root.length != 32) {
      throw new IllegalArgumentException("fork version must be 4 bytes and the root 32");
    }
    final byte[] chunk = new byte[32];
    System.arraycopy(versionBytes, 0, chunk, 0, 4);
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(chunk);
      sha256.update(root);
      return HEX.formatHex(sha256.digest(), 0, 4);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  private static String strip(final String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }
}
