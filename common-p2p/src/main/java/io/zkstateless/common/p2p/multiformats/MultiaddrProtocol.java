package io.zkstateless.common.p2p.multiformats;

import java.util.Optional;

/**
 * The multiaddr protocols this stack understands, with their multicodec codes and value sizes
 * (multiformats/multicodec table). {@link #VARIABLE} means a uvarint length precedes the value.
 */
public enum MultiaddrProtocol {
  IP4("ip4", 0x04, 4),
  TCP("tcp", 0x06, 2),
  UDP("udp", 0x0111, 2),
  IP6("ip6", 0x29, 16),
  DNS("dns", 0x35, MultiaddrProtocol.VARIABLE),
  DNS4("dns4", 0x36, MultiaddrProtocol.VARIABLE),
  DNS6("dns6", 0x37, MultiaddrProtocol.VARIABLE),
  QUIC_V1("quic-v1", 0x01cc, 0),
  P2P("p2p", 0x01a5, MultiaddrProtocol.VARIABLE);

  /** Marks a length-prefixed value. */
  public static final int VARIABLE = -1;

  private final String textName;
  private final int code;
  private final int size;

  MultiaddrProtocol(final String textName, final int code, final int size) {
    this.textName = textName;
    this.code = code;
    this.size = size;
  }

  public String textName() {
    return textName;
  }

  public int code() {
    return code;
  }

  /** Value size in bytes, 0 for none, or {@link #VARIABLE}. */
  public int size() {
    return size;
  }

  public static Optional<MultiaddrProtocol> byName(final String name) {
    for (final MultiaddrProtocol p : values()) {
      if (p.textName.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public static Optional<MultiaddrProtocol> byCode(final long code) {
    for (final MultiaddrProtocol p : values()) {
      if (p.code == code) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
