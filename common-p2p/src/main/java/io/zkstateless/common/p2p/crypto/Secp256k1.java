package io.zkstateless.common.p2p.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The secp256k1 domain (from BouncyCastle: the JDK dropped the curve in 16) and the SHA-256 that
 * libp2p's ECDSA signatures are made over.
 */
final class Secp256k1 {

  static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(
          CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  static final BigInteger HALF_N = DOMAIN.getN().shiftRight(1);

  private Secp256k1() {}

  static byte[] sha256(final byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }
}
