package io.zkstateless.common.p2p.crypto;

import io.zkstateless.common.model.bytes.Hex;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 public key, the default identity of js-libp2p and go-libp2p nodes. We never sign with
 * Ed25519, but must verify peers that use it.
 */
public final class Ed25519PublicKey implements PublicKey {

  private final byte[] raw;

  private Ed25519PublicKey(final byte[] raw) {
    this.raw = raw;
  }

  /**
   * @throws IllegalArgumentException unless {@code raw} is a 32-byte encoded point
   */
  public static Ed25519PublicKey fromRaw(final byte[] raw) {
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 public key must be 32 bytes, got " + raw.length);
    }
    new Ed25519PublicKeyParameters(raw, 0);
    return new Ed25519PublicKey(raw.clone());
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public boolean verify(final byte[] message, final byte[] signature) {
    final Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(raw, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + Hex.encodeBare(raw) + "]";
  }
}
