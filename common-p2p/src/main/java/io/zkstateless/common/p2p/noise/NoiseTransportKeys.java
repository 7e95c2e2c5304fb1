package io.zkstateless.common.p2p.noise;

import com.southernstorm.noise.protocol.DHState;
import com.southernstorm.noise.protocol.Noise;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The transport keys of a finished Noise XX handshake, derived as noise-java derives them (it does
 * not hand its keys out): the chaining key starts as the 32-byte protocol name, each of the three
 * DH results (ee, es, se) is mixed in with HKDF, and {@code Split()} is HKDF of the final chaining
 * key with empty input: the first key is the initiator's sending key (Noise spec, sections 5.2 and
 * 7.5). {@link NoiseXxHandshake} checks the result against noise-java's own ciphers.
 */
final class NoiseTransportKeys {

  private static final byte[] PROTOCOL_NAME =
      NoiseXxHandshake.NOISE_PROTOCOL.getBytes(StandardCharsets.US_ASCII);

  private NoiseTransportKeys() {}

  /** The initiator's sending key (index 0) and the responder's (index 1). */
  static byte[][] derive(
      final boolean initiator,
      final DHState localStatic,
      final DHState localEphemeral,
      final DHState remoteStatic,
      final byte[] remoteEphemeralKey) {
    final DHState remoteEphemeral = x25519();
    remoteEphemeral.setPublicKey(remoteEphemeralKey, 0);
    // Name of exactly HASHLEN bytes: h = ck = the name itself, unhashed.
    byte[] ck = Arrays.copyOf(PROTOCOL_NAME, 32);
    ck = hkdf(ck, dh(localEphemeral, remoteEphemeral))[0];
    ck =
        hkdf(ck, initiator ? dh(localEphemeral, remoteStatic) : dh(localStatic, remoteEphemeral))[
            0];
    ck =
        hkdf(ck, initiator ? dh(localStatic, remoteEphemeral) : dh(localEphemeral, remoteStatic))[
            0];
    return hkdf(ck, new byte[0]);
  }

  private static byte[] dh(final DHState local, final DHState remote) {
    final byte[] shared = new byte[local.getSharedKeyLength()];
    local.calculate(shared, 0, remote);
    return shared;
  }

  /** HKDF(ck, ikm) with two outputs, as the Noise spec defines it over HMAC-SHA256. */
  private static byte[][] hkdf(final byte[] chainingKey, final byte[] inputKeyMaterial) {
    final byte[] temp = hmac(chainingKey, inputKeyMaterial);
    final byte[] first = hmac(temp, new byte[] {1});
    final byte[] second = hmac(temp, concat(first, new byte[] {2}));
    return new byte[][] {first, second};
  }

  private static byte[] hmac(final byte[] key, final byte[] data) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  private static DHState x25519() {
    try {
      return Noise.createDH("25519");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("noise-java lacks X25519", e);
    }
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
