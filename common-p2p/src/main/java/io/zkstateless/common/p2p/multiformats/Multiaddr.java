package io.zkstateless.common.p2p.multiformats;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A multiaddr such as {@code /ip4/127.0.0.1/tcp/9000/p2p/16Uiu2HA...}: an immutable list of
 * validated components, convertible between the text form (config, logs) and the binary form
 * (identify). Both parsers are strict and bounded.
 */
public final class Multiaddr {

  static final String FORMAT = "multiaddr";

  /** No address we handle comes near this; it bounds what a peer can make us parse. */
  public static final int MAX_BYTES = 1024;

  private final List<Component> components;

  private Multiaddr(final List<Component> components) {
    this.components = List.copyOf(components);
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException naming the offending component
   */
  public static Multiaddr fromString(final String text) {
    if (text.length() > 4 * MAX_BYTES || !text.startsWith("/") || text.endsWith("/")) {
      throw new IllegalArgumentException(
          "multiaddr must start with '/' and not end with one: " + text);
    }
    final String[] parts = text.substring(1).split("/", -1);
    final List<Component> components = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      final String name = parts[i];
      final MultiaddrProtocol protocol =
          MultiaddrProtocol.byName(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown multiaddr protocol '" + name + "' in " + text));
      if (protocol.size() == 0) {
        components.add(new Component(protocol, new byte[0]));
        continue;
      }
      if (++i >= parts.length) {
        throw new IllegalArgumentException(
            "multiaddr protocol " + name + " needs a value: " + text);
      }
      try {
        components.add(new Component(protocol, MultiaddrValues.toBytes(protocol, parts[i])));
      } catch (final DecodeException e) {
        throw new IllegalArgumentException(
            "invalid /" + name + " value in " + text + ": " + e.getMessage(), e);
      }
    }
    return new Multiaddr(components);
  }

  /**
   * Parses the binary form: for each component a uvarint protocol code, then the fixed-size value
   * or a uvarint length and the value.
   *
   * @throws P2pProtocolException on an unknown code, a bad length or an invalid value
   */
  public static Multiaddr fromBytes(final byte[] bytes) {
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new P2pProtocolException(
          FORMAT, 0, "length " + bytes.length + " not in 1.." + MAX_BYTES);
    }
    final List<Component> components = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      final Uvarint.Decoded code = varint(bytes, pos);
      final int codeAt = pos;
      final MultiaddrProtocol protocol =
          MultiaddrProtocol.byCode(code.value())
              .orElseThrow(
                  () ->
                      new P2pProtocolException(
                          FORMAT, codeAt, "unknown protocol code " + code.value()));
      pos += code.length();
      int size = protocol.size();
      if (size == MultiaddrProtocol.VARIABLE) {
        final Uvarint.Decoded length = varint(bytes, pos);
        if (length.value() > bytes.length) {
          throw new P2pProtocolException(
              FORMAT, pos, "value length " + length.value() + " exceeds input");
        }
        pos += length.length();
        size = (int) length.value();
      }
      if (size > bytes.length - pos) {
        throw new P2pProtocolException(
            FORMAT,
            pos,
            protocol.textName()
                + " value needs "
                + size
                + " bytes, "
                + (bytes.length - pos)
                + " left");
      }
      final byte[] value = Arrays.copyOfRange(bytes, pos, pos + size);
      try {
        MultiaddrValues.toText(protocol, value);
      } catch (final IllegalArgumentException | DecodeException e) {
        throw new P2pProtocolException(
            FORMAT, pos, "invalid " + protocol.textName() + " value: " + e.getMessage(), e);
      }
      components.add(new Component(protocol, value));
      pos += size;
    }
    return new Multiaddr(components);
  }

  /** {@code /ip4/<a>/tcp/<port>} or {@code /ip6/<a>/tcp/<port>} for a resolved socket address. */
  public static Multiaddr fromTcpSocket(final InetSocketAddress socket) {
    if (socket.isUnresolved()) {
      throw new IllegalArgumentException("unresolved socket address " + socket);
    }
    final byte[] ip = socket.getAddress().getAddress();
    final MultiaddrProtocol family = ip.length == 4 ? MultiaddrProtocol.IP4 : MultiaddrProtocol.IP6;
    final byte[] port = {(byte) (socket.getPort() >> 8), (byte) socket.getPort()};
    return new Multiaddr(
        List.of(new Component(family, ip), new Component(MultiaddrProtocol.TCP, port)));
  }

  public byte[] toBytes() {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final Component c : components) {
      Uvarint.write(c.protocol().code(), out);
      if (c.protocol().size() == MultiaddrProtocol.VARIABLE) {
        Uvarint.write(c.value.length, out);
      }
      out.writeBytes(c.value);
    }
    return out.toByteArray();
  }

  public List<Component> components() {
    return components;
  }

  /** The text value of the first component of {@code protocol}. */
  public Optional<String> valueOf(final MultiaddrProtocol protocol) {
    return components.stream()
        .filter(c -> c.protocol() == protocol)
        .findFirst()
        .map(Component::text);
  }

  /** The peer id of a trailing {@code /p2p/} component. */
  public Optional<PeerId> peerId() {
    return components.stream()
        .filter(c -> c.protocol() == MultiaddrProtocol.P2P)
        .findFirst()
        .map(c -> PeerId.fromBytes(c.value));
  }

  /** This address followed by {@code /p2p/<peerId>}. */
  public Multiaddr withPeerId(final PeerId peerId) {
    final List<Component> extended = new ArrayList<>(components);
    extended.add(new Component(MultiaddrProtocol.P2P, peerId.toBytes()));
    return new Multiaddr(extended);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Multiaddr other && Arrays.equals(toBytes(), other.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    final StringBuilder out = new StringBuilder();
    for (final Component c : components) {
      out.append('/').append(c.protocol().textName());
      if (c.protocol().size() != 0) {
        out.append('/').append(c.text());
      }
    }
    return out.toString();
  }

  private static Uvarint.Decoded varint(final byte[] bytes, final int pos) {
    final Uvarint.Decoded decoded = Uvarint.decode(bytes, pos, FORMAT);
    if (decoded == null) {
      throw new P2pProtocolException(FORMAT, pos, "truncated varint");
    }
    return decoded;
  }

  /** One protocol and its binary value. */
  public record Component(MultiaddrProtocol protocol, byte[] value) {
    public Component {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public String text() {
      return MultiaddrValues.toText(protocol, value);
    }
  }
}
