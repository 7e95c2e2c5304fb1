package io.zkstateless.common.p2p.crypto;

/** A libp2p identity public key: what a peer id is derived from and what signs handshakes. */
public sealed interface PublicKey permits Secp256k1PublicKey, Ed25519PublicKey {

  KeyType type();

  /** The key's raw bytes as the {@code Data} field of the protobuf carries them. */
  byte[] raw();

  /** Verifies a signature made by the matching private key over {@code message}. */
  boolean verify(byte[] message, byte[] signature);

  /** The deterministic {@code PublicKey} protobuf, the input of the peer id. */
  default byte[] toProtobuf() {
    return KeyProtobuf.encodePublic(type(), raw());
  }
}
