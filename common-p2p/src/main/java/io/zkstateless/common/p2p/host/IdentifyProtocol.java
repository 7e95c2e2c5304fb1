package io.zkstateless.common.p2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.KeyProtobuf;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.encoding.Uvarint;
import io.zkstateless.common.p2p.identify.IdentifyMessage;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * libp2p identify {@code /ipfs/id/1.0.0}: the responder writes one uvarint-length-prefixed {@link
 * IdentifyMessage} and half-closes; the requester reads it until the peer closes. gossipsub peers
 * (js-libp2p, Lodestar) learn our protocols this way.
 */
public final class IdentifyProtocol implements ProtocolHandler {

  public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";
  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
  public static final String AGENT_VERSION = "zk-stateless/0.1.0";

  private final byte[] publicKey;
  private final Supplier<List<Multiaddr>> listenAddrs;
  private final Supplier<List<String>> protocols;

  public IdentifyProtocol(
      final byte[] publicKeyProtobuf,
      final Supplier<List<Multiaddr>> listenAddrs,
      final Supplier<List<String>> protocols) {
    this.publicKey = publicKeyProtobuf.clone();
    this.listenAddrs = listenAddrs;
    this.protocols = protocols;
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  public StreamHandler accept(final MuxedStream stream) {
    final Optional<Multiaddr> observed =
        stream.remoteAddress() instanceof InetSocketAddress socket && !socket.isUnresolved()
            ? Optional.of(Multiaddr.fromTcpSocket(socket))
            : Optional.empty();
    final byte[] message =
        new IdentifyMessage(
                publicKey,
                listenAddrs.get(),
                protocols.get(),
                observed,
                PROTOCOL_VERSION,
                AGENT_VERSION)
            .encode();
    final ByteBuf out = Unpooled.buffer(Uvarint.MAX_BYTES + message.length);
    Uvarint.write(message.length, out);
    stream.write(out.writeBytes(message));
    stream.closeWrite();
    return (s, data) -> {
      throw new P2pProtocolException(IdentifyMessage.FORMAT, 0, "requester sent data");
    };
  }

  /**
   * Asks the peer of {@code connection} to identify itself. Fails if the answer is malformed or
   * carries a key other than the one Noise authenticated.
   */
  public static CompletableFuture<IdentifyMessage> request(final Connection connection) {
    final Reader reader = new Reader(connection.remotePeerId());
    return connection
        .openStream(PROTOCOL_ID, reader)
        .thenCompose(
            stream -> {
              stream.closeWrite();
              return reader.result;
            });
  }

  /** Collects the single length-prefixed message until the responder half-closes. */
  private static final class Reader implements StreamHandler {
    private final PeerId expected;
    private final ByteBuf received = Unpooled.buffer();
    private final CompletableFuture<IdentifyMessage> result = new CompletableFuture<>();

    Reader(final PeerId expected) {
      this.expected = expected;
    }

    @Override
    public void onData(final MuxedStream stream, final ByteBuf data) {
      if (received.readableBytes() + data.readableBytes()
          > Uvarint.MAX_BYTES + IdentifyMessage.MAX_MESSAGE_BYTES) {
        throw fail(new P2pProtocolException(IdentifyMessage.FORMAT, 0, "answer too long"));
      }
      received.writeBytes(data);
    }

    @Override
    public void onRemoteClose(final MuxedStream stream) {
      try {
        result.complete(decode());
      } catch (final P2pProtocolException e) {
        result.completeExceptionally(e);
      } finally {
        received.release();
      }
    }

    @Override
    public void onReset(final MuxedStream stream) {
      if (received.refCnt() > 0) {
        received.release();
      }
      result.completeExceptionally(new IllegalStateException("identify stream reset"));
    }

    private IdentifyMessage decode() {
      final Uvarint.Decoded length = Uvarint.peek(received, IdentifyMessage.FORMAT);
      if (length == null || length.value() != received.readableBytes() - length.length()) {
        throw new P2pProtocolException(
            IdentifyMessage.FORMAT, 0, "answer is not exactly one length-prefixed message");
      }
      received.skipBytes(length.length());
      final byte[] bytes = new byte[received.readableBytes()];
      received.readBytes(bytes);
      final IdentifyMessage message = IdentifyMessage.decode(bytes);
      final PeerId claimed = PeerId.fromPublicKey(KeyProtobuf.decodePublic(message.publicKey()));
      if (!claimed.equals(expected)) {
        throw new P2pProtocolException(
            IdentifyMessage.FORMAT, 0, "identifies as " + claimed + " on a connection to " + expected);
      }
      return message;
    }

    private P2pProtocolException fail(final P2pProtocolException e) {
      result.completeExceptionally(e);
      return e;
    }
  }
}
