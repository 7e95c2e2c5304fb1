package io.zkstateless.common.model.crypto;

import io.zkstateless.common.model.bytes.Bytes32;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The two hashes the suite needs: SHA-256 (consensus layer: SSZ roots, message ids, fork digests)
 * and Keccak-256 (execution layer: block hashes, trie nodes, code hashes). Keccak-256 is the
 * original Keccak padding, not NIST SHA3-256.
 */
public final class Hashes {

  private Hashes() {}

  /** SHA-256 of the concatenation of the parts. */
  public static Bytes32 sha256(final byte[]... parts) {
    final MessageDigest digest = newSha256();
    for (final byte[] part : parts) {
      digest.update(part);
    }
    return Bytes32.wrap(digest.digest());
  }

  /** Keccak-256 of the concatenation of the parts. */
  public static Bytes32 keccak256(final byte[]... parts) {
    final KeccakDigest digest = new KeccakDigest(256);
    for (final byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    final byte[] out = new byte[Bytes32.SIZE];
    digest.doFinal(out, 0);
    return Bytes32.wrap(out);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (final NoSuchAlgorithmException e) {
      // Every Java SE runtime must provide SHA-256 (MessageDigest javadoc).
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
