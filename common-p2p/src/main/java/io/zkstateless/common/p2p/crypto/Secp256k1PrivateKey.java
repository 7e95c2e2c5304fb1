package io.zkstateless.common.p2p.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.util.BigIntegers;

/**
 * A node's secp256k1 identity key. Signs with deterministic (RFC 6979) ECDSA over SHA-256, DER
 * encoded with a low S, the form every libp2p implementation accepts.
 */
public final class Secp256k1PrivateKey {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final BigInteger d;
  private final Secp256k1PublicKey publicKey;

  private Secp256k1PrivateKey(final BigInteger d) {
    this.d = d;
    this.publicKey = Secp256k1PublicKey.fromPoint(Secp256k1.DOMAIN.getG().multiply(d).normalize());
  }

  /**
   * A key from its 32-byte big-endian scalar.
   *
   * @throws IllegalArgumentException unless the input is 32 bytes in [1, n-1]
   */
  public static Secp256k1PrivateKey fromRaw(final byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          "secp256k1 private key must be 32 bytes, got " + raw.length);
    }
    final BigInteger d = new BigInteger(1, raw);
    if (d.signum() == 0 || d.compareTo(Secp256k1.DOMAIN.getN()) >= 0) {
      throw new IllegalArgumentException("secp256k1 private key out of range [1, n-1]");
    }
    return new Secp256k1PrivateKey(d);
  }

  public static Secp256k1PrivateKey generate() {
    final byte[] candidate = new byte[32];
    while (true) {
      RANDOM.nextBytes(candidate);
      final BigInteger d = new BigInteger(1, candidate);
      if (d.signum() > 0 && d.compareTo(Secp256k1.DOMAIN.getN()) < 0) {
        Arrays.fill(candidate, (byte) 0);
        return new Secp256k1PrivateKey(d);
      }
    }
  }

  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  /** The 32-byte big-endian scalar. */
  public byte[] raw() {
    return BigIntegers.asUnsignedByteArray(32, d);
  }

  /** DER-encoded low-S ECDSA signature over SHA-256({@code message}). */
  public byte[] sign(final byte[] message) {
    final ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(d, Secp256k1.DOMAIN));
    final BigInteger[] rs = signer.generateSignature(Secp256k1.sha256(message));
    final BigInteger s =
        rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.DOMAIN.getN().subtract(rs[1]) : rs[1];
    try {
      return StandardDSAEncoding.INSTANCE.encode(Secp256k1.DOMAIN.getN(), rs[0], s);
    } catch (final IOException e) {
      throw new IllegalStateException("DER encoding of an in-range signature cannot fail", e);
    }
  }

  @Override
  public String toString() {
    return "Secp256k1PrivateKey[" + publicKey + "]";
  }
}
