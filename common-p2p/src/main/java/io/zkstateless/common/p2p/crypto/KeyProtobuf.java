package io.zkstateless.common.p2p.crypto;

import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.protobuf.ProtoReader;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;

/**
 * libp2p's {@code PublicKey}/{@code PrivateKey} protobufs: {@code {Type=1: KeyType, Data=2:
 * bytes}}, both fields required, written in tag order because peer ids hash this encoding.
 */
public final class KeyProtobuf {

  static final String FORMAT = "libp2p key protobuf";

  /** RSA keys are the largest libp2p allows peers to use; we reject anything bigger. */
  private static final int MAX_KEY_DATA = 1024;

  private KeyProtobuf() {}

  static byte[] encodePublic(final KeyType type, final byte[] raw) {
    return new ProtoWriter().varint(1, type.code()).bytes(2, raw).toByteArray();
  }

  public static byte[] encodePrivate(final Secp256k1PrivateKey key) {
    return new ProtoWriter().varint(1, KeyType.SECP256K1.code()).bytes(2, key.raw()).toByteArray();
  }

  /**
   * Decodes a peer's {@code PublicKey} protobuf; secp256k1 and Ed25519 are supported.
   *
   * @throws P2pProtocolException if the encoding, the key type or the key itself is invalid
   */
  public static PublicKey decodePublic(final byte[] protobuf) {
    final TypedData typed = decode(protobuf);
    try {
      return switch (typed.type()) {
        case SECP256K1 -> Secp256k1PublicKey.fromCompressed(typed.data());
        case ED25519 -> Ed25519PublicKey.fromRaw(typed.data());
        default ->
            throw new P2pProtocolException(FORMAT, 0, "unsupported key type " + typed.type());
      };
    } catch (final IllegalArgumentException e) {
      throw new P2pProtocolException(FORMAT, 0, "invalid public key: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a {@code PrivateKey} protobuf holding a secp256k1 key.
   *
   * @throws P2pProtocolException if it is malformed, of another type, or out of range
   */
  public static Secp256k1PrivateKey decodeSecp256k1Private(final byte[] protobuf) {
    final TypedData typed = decode(protobuf);
    if (typed.type() != KeyType.SECP256K1) {
      throw new P2pProtocolException(FORMAT, 0, "key type " + typed.type() + " is not SECP256K1");
    }
    try {
      return Secp256k1PrivateKey.fromRaw(typed.data());
    } catch (final IllegalArgumentException e) {
      throw new P2pProtocolException(FORMAT, 0, "invalid private key: " + e.getMessage(), e);
    }
  }

  private static TypedData decode(final byte[] protobuf) {
    final ProtoReader reader = new ProtoReader(protobuf, FORMAT);
    KeyType type = null;
    byte[] data = null;
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> {
          final long code = reader.readVarint();
          type = KeyType.fromCode(code).orElseThrow(() -> reader.error("unknown key type " + code));
        }
        case 2 -> data = reader.readBytes(MAX_KEY_DATA);
        default -> reader.skip();
      }
    }
    if (type == null || data == null) {
      throw new P2pProtocolException(FORMAT, protobuf.length, "missing Type or Data field");
    }
    return new TypedData(type, data);
  }

  private record TypedData(KeyType type, byte[] data) {}
}
