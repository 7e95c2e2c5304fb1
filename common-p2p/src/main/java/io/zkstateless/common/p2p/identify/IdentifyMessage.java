package io.zkstateless.common.p2p.identify;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.protobuf.ProtoReader;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identify protobuf: {@code publicKey=1, listenAddrs=2 (binary multiaddrs), protocols=3,
 * observedAddr=4, protocolVersion=5, agentVersion=6, signedPeerRecord=8}. Decoding is bounded;
 * addresses with protocols we do not know (websockets, circuit relay...) are skipped rather than
 * failing the whole message, since a peer may listen on transports we do not speak.
 */
public record IdentifyMessage(
    byte[] publicKey,
    List<Multiaddr> listenAddrs,
    List<String> protocols,
    Optional<Multiaddr> observedAddr,
    String protocolVersion,
    String agentVersion) {

  /** The format name in decode errors of identify messages and streams. */
  public static final String FORMAT = "identify";

  /** js-libp2p's default limit for identify messages. */
  public static final int MAX_MESSAGE_BYTES = 8192;
  static final int MAX_ADDRS = 64;
  static final int MAX_PROTOCOLS = 256;
  private static final int MAX_STRING = 1024;

  public IdentifyMessage {
    publicKey = publicKey.clone();
    listenAddrs = List.copyOf(listenAddrs);
    protocols = List.copyOf(protocols);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] encode() {
    final ProtoWriter out = new ProtoWriter().bytes(1, publicKey);
    listenAddrs.forEach(a -> out.bytes(2, a.toBytes()));
    protocols.forEach(p -> out.string(3, p));
    observedAddr.ifPresent(a -> out.bytes(4, a.toBytes()));
    return out.string(5, protocolVersion).string(6, agentVersion).toByteArray();
  }

  /**
   * @throws P2pProtocolException if the protobuf is malformed, too large, or lacks the public key
   */
  public static IdentifyMessage decode(final byte[] bytes) {
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new P2pProtocolException(FORMAT, 0, "message of " + bytes.length + " bytes");
    }
    final ProtoReader reader = new ProtoReader(bytes, FORMAT);
    byte[] publicKey = null;
    final List<Multiaddr> addrs = new ArrayList<>();
    final List<String> protocols = new ArrayList<>();
    Optional<Multiaddr> observed = Optional.empty();
    String protocolVersion = "";
    String agentVersion = "";
    int addrCount = 0;
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> publicKey = reader.readBytes(MAX_STRING);
        case 2 -> {
          if (++addrCount > MAX_ADDRS) {
            throw reader.error("more than " + MAX_ADDRS + " listen addresses");
          }
          parseAddress(reader.readBytes(Multiaddr.MAX_BYTES)).ifPresent(addrs::add);
        }
        case 3 -> {
          if (protocols.size() == MAX_PROTOCOLS) {
            throw reader.error("more than " + MAX_PROTOCOLS + " protocols");
          }
          protocols.add(string(reader));
        }
        case 4 -> observed = parseAddress(reader.readBytes(Multiaddr.MAX_BYTES));
        case 5 -> protocolVersion = string(reader);
        case 6 -> agentVersion = string(reader);
        default -> reader.skip();
      }
    }
    if (publicKey == null) {
      throw new P2pProtocolException(FORMAT, bytes.length, "no publicKey");
    }
    return new IdentifyMessage(
        publicKey, addrs, protocols, observed, protocolVersion, agentVersion);
  }

  private static String string(final ProtoReader reader) {
    return new String(reader.readBytes(MAX_STRING), StandardCharsets.UTF_8);
  }

  private static Optional<Multiaddr> parseAddress(final byte[] bytes) {
    try {
      return Optional.of(Multiaddr.fromBytes(bytes));
    } catch (final DecodeException e) {
      return Optional.empty();
    }
  }
}
