package io.zkstateless.common.p2p.crypto;

import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Base58;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer id: the multihash of the peer's {@code PublicKey} protobuf. Keys whose protobuf is
 * at most 42 bytes (secp256k1, Ed25519) are inlined with the identity hash, so the id carries the
 * key itself; larger keys are SHA-256 hashed. Its text form is base58btc ({@code 16Uiu2HA...} for
 * secp256k1).
 */
public final class PeerId {

  static final String FORMAT = "peer id";
  private static final int IDENTITY = 0x00;
  private static final int SHA2_256 = 0x12;
  private static final int MAX_INLINE_KEY = 42;

  private final byte[] multihash;

  private PeerId(final byte[] multihash) {
    this.multihash = multihash;
  }

  public static PeerId fromPublicKey(final PublicKey key) {
    final byte[] protobuf = key.toProtobuf();
    if (protobuf.length <= MAX_INLINE_KEY) {
      return new PeerId(multihash(IDENTITY, protobuf));
    }
    return new PeerId(multihash(SHA2_256, Secp256k1.sha256(protobuf)));
  }

  /**
   * Parses the binary multihash form (as carried in {@code /p2p/} multiaddr components).
   *
   * @throws P2pProtocolException unless it is an identity multihash of at most 42 bytes or a
   *     SHA-256 multihash, or if an inlined key is invalid
   */
  public static PeerId fromBytes(final byte[] bytes) {
    final Uvarint.Decoded code = require(Uvarint.decode(bytes, 0, FORMAT), bytes.length);
    final Uvarint.Decoded length =
        require(Uvarint.decode(bytes, code.length(), FORMAT), bytes.length);
    final int digestStart = code.length() + length.length();
    if (length.value() != bytes.length - digestStart) {
      throw new P2pProtocolException(
          FORMAT, code.length(), "digest length " + length.value() + " does not match the input");
    }
    final boolean valid =
        (code.value() == IDENTITY && length.value() <= MAX_INLINE_KEY)
            || (code.value() == SHA2_256 && length.value() == 32);
    if (!valid) {
      throw new P2pProtocolException(
          FORMAT, 0, "unsupported multihash code " + code.value() + " / length " + length.value());
    }
    final PeerId peerId = new PeerId(bytes.clone());
    // An inlined key that does not decode could never authenticate a connection.
    peerId.inlinePublicKey();
    return peerId;
  }

  /**
   * Parses the base58btc text form.
   *
   * @throws P2pProtocolException if the text is not base58 or not a valid peer id multihash
   */
  public static PeerId fromBase58(final String text) {
    final byte[] bytes;
    try {
      bytes = Base58.decode(text);
    } catch (final IllegalArgumentException e) {
      throw new P2pProtocolException(FORMAT, 0, e.getMessage(), e);
    }
    return fromBytes(bytes);
  }

  /** The public key inlined in an identity multihash; empty for hashed (RSA-sized) keys. */
  public Optional<PublicKey> inlinePublicKey() {
    if (multihash[0] != IDENTITY) {
      return Optional.empty();
    }
    return Optional.of(
        KeyProtobuf.decodePublic(Arrays.copyOfRange(multihash, 2, multihash.length)));
  }

  public byte[] toBytes() {
    return multihash.clone();
  }

  public String toBase58() {
    return Base58.encode(multihash);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof PeerId other && Arrays.equals(multihash, other.multihash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(multihash);
  }

  @Override
  public String toString() {
    return toBase58();
  }

  private static byte[] multihash(final int code, final byte[] digest) {
    final byte[] out = new byte[2 + digest.length];
    out[0] = (byte) code;
    out[1] = (byte) digest.length;
    System.arraycopy(digest, 0, out, 2, digest.length);
    return out;
  }

  private static Uvarint.Decoded require(final Uvarint.Decoded decoded, final int offset) {
    if (decoded == null) {
      throw new P2pProtocolException(FORMAT, offset, "truncated multihash");
    }
    return decoded;
  }
}
