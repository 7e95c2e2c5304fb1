package io.zkstateless.common.p2p.crypto;

import io.zkstateless.common.model.bytes.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;

/** A secp256k1 public key; libp2p carries it as the 33-byte compressed point. */
public final class Secp256k1PublicKey implements PublicKey {

  private final ECPoint point;
  private final byte[] compressed;

  private Secp256k1PublicKey(final ECPoint point) {
    this.point = point;
    this.compressed = point.getEncoded(true);
  }

  static Secp256k1PublicKey fromPoint(final ECPoint point) {
    return new Secp256k1PublicKey(point);
  }

  /**
   * Parses a 33-byte compressed point.
   *
   * @throws IllegalArgumentException if it is not a compressed point on the curve
   */
  public static Secp256k1PublicKey fromCompressed(final byte[] compressed) {
    if (compressed.length != 33 || (compressed[0] != 2 && compressed[0] != 3)) {
      throw new IllegalArgumentException(
          "secp256k1 public key must be a 33-byte compressed point, got " + compressed.length);
    }
    final ECPoint point = Secp256k1.DOMAIN.getCurve().decodePoint(compressed).normalize();
    if (point.isInfinity() || !point.isValid()) {
      throw new IllegalArgumentException("secp256k1 public key is not a valid curve point");
    }
    return new Secp256k1PublicKey(point);
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public byte[] raw() {
    return compressed.clone();
  }

  /**
   * Verifies a DER signature over SHA-256({@code message}). Non-canonical DER is rejected; a high S
   * is accepted, as go-libp2p and older js-libp2p accept it.
   */
  @Override
  public boolean verify(final byte[] message, final byte[] signature) {
    final BigInteger[] rs;
    try {
      rs = StandardDSAEncoding.INSTANCE.decode(Secp256k1.DOMAIN.getN(), signature);
    } catch (final IllegalArgumentException | IOException e) {
      return false;
    }
    final ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point, Secp256k1.DOMAIN));
    return verifier.verifySignature(Secp256k1.sha256(message), rs[0], rs[1]);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Secp256k1PublicKey other && Arrays.equals(compressed, other.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  @Override
  public String toString() {
    return "Secp256k1PublicKey[" + Hex.encodeBare(compressed) + "]";
  }
}
