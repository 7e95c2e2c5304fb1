package io.zkstateless.common.p2p.crypto;

import java.util.Optional;

/** The {@code KeyType} enum of libp2p's key protobufs (peer-ids spec). */
public enum KeyType {
  RSA(0),
  ED25519(1),
  SECP256K1(2),
  ECDSA(3);

  private final int code;

  KeyType(final int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<KeyType> fromCode(final long code) {
    for (final KeyType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
