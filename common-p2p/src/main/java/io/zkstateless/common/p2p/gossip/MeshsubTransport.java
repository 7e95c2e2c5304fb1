package io.zkstateless.common.p2p.gossip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.encoding.Uvarint;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import io.zkstateless.common.p2p.mux.LengthPrefixedReader;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream side of gossipsub {@code /meshsub/1.1.0}: for every connection we open our own
 * outbound stream and write RPCs only there, and we read the peer's RPCs on the stream it opens
 * (spec-libp2p.md section 9). RPCs are uvarint-length-prefixed and decoded within {@link
 * RpcLimits}. Routing (mesh, gossip, scoring) is the listener's job.
 */
public final class MeshsubTransport implements ProtocolHandler {

  public static final String PROTOCOL_ID = "/meshsub/1.1.0";
  private static final Logger LOG = LoggerFactory.getLogger(MeshsubTransport.class);

  private final GossipRpcCodec codec;
  private final RpcLimits limits;
  private final RpcListener listener;
  private final GossipEvents events;
  private final Map<PeerId, MuxedStream> outbound = new ConcurrentHashMap<>();

  public MeshsubTransport(final RpcLimits limits, final RpcListener listener) {
    this(limits, listener, GossipEvents.NONE);
  }

  /** A transport that reports the size of every RPC read and written to {@code events}. */
  public MeshsubTransport(
      final RpcLimits limits, final RpcListener listener, final GossipEvents events) {
    this.codec = new GossipRpcCodec(limits);
    this.limits = limits;
    this.listener = listener;
    this.events = events;
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  /**
   * Inbound: the peer's stream, carrying its RPCs to us. An RPC that does not decode, or a length
   * prefix beyond the limit, resets the stream and is reported to the listener first, so that a
   * peer cannot send malformed RPCs for free by reopening the stream each time.
   */
  @Override
  public StreamHandler accept(final MuxedStream stream) {
    final PeerId peer = stream.remotePeerId();
    return new MalformedRpcReporter(
        peer,
        new LengthPrefixedReader(
            GossipRpcCodec.FORMAT,
            limits.maxRpcBytes(),
            bytes -> {
              events.rpcReceived(bytes.length);
              listener.onRpc(peer, codec.decode(bytes));
            }));
  }

  /** Opens our outbound stream on a new connection; register with {@code Host}. */
  public void onConnection(final Connection connection) {
    final PeerId peer = connection.remotePeerId();
    connection
        .openStream(PROTOCOL_ID, new OutboundHandler(peer))
        .whenComplete(
            (stream, error) -> {
              if (error != null) {
                LOG.debug("{} does not speak {}: {}", peer, PROTOCOL_ID, error.toString());
                return;
              }
              outbound.put(peer, stream);
              listener.onOutboundStream(peer);
            });
  }

  /** Peers we can send RPCs to. */
  public Set<PeerId> peers() {
    return Set.copyOf(outbound.keySet());
  }

  /** Sends one RPC on our outbound stream to {@code peer}. */
  public CompletableFuture<Void> send(final PeerId peer, final GossipRpc rpc) {
    final MuxedStream stream = outbound.get(peer);
    if (stream == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("no " + PROTOCOL_ID + " stream to " + peer));
    }
    final byte[] encoded = codec.encode(rpc);
    events.rpcSent(encoded.length);
    // Length prefix and RPC side by side, not copied together.
    return stream.write(Unpooled.wrappedBuffer(Uvarint.encode(encoded.length), encoded));
  }

  /** Where received RPCs go. */
  public interface RpcListener {
    void onRpc(PeerId from, GossipRpc rpc);

    /** Our outbound stream to {@code peer} is ready: the moment to announce subscriptions. */
    default void onOutboundStream(final PeerId peer) {}

    /** Our outbound stream to {@code peer} ended: it can no longer be sent RPCs. */
    default void onPeerGone(final PeerId peer) {}

    /** {@code peer} sent bytes that are not a valid RPC; its stream is being reset. */
    default void onMalformedRpc(final PeerId peer, final DecodeException problem) {}
  }

  /** Tells the listener about a decode failure of the inbound reader, then lets it propagate. */
  private final class MalformedRpcReporter implements StreamHandler {
    private final PeerId peer;
    private final StreamHandler reader;

    MalformedRpcReporter(final PeerId peer, final StreamHandler reader) {
      this.peer = peer;
      this.reader = reader;
    }

    @Override
    public void onData(final MuxedStream stream, final ByteBuf data) {
      try {
        reader.onData(stream, data);
      } catch (final DecodeException e) {
        listener.onMalformedRpc(peer, e);
        throw e;
      }
    }

    @Override
    public void onRemoteClose(final MuxedStream stream) {
      reader.onRemoteClose(stream);
    }

    @Override
    public void onReset(final MuxedStream stream) {
      reader.onReset(stream);
    }
  }

  /** Our outbound stream: the peer must not write on it; it ends when either side resets. */
  private final class OutboundHandler implements StreamHandler {
    private final PeerId peer;

    OutboundHandler(final PeerId peer) {
      this.peer = peer;
    }

    @Override
    public void onData(final MuxedStream stream, final ByteBuf data) {
      LOG.debug(
          "Ignoring {} bytes from {} on our outbound gossip stream", data.readableBytes(), peer);
    }

    @Override
    public void onRemoteClose(final MuxedStream stream) {
      stream.closeWrite();
      gone(stream);
    }

    @Override
    public void onReset(final MuxedStream stream) {
      gone(stream);
    }

    private void gone(final MuxedStream stream) {
      if (outbound.remove(peer, stream)) {
        listener.onPeerGone(peer);
      }
    }
  }
}
