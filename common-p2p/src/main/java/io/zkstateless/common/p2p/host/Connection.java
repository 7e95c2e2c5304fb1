package io.zkstateless.common.p2p.host;

import io.netty.channel.Channel;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.MuxerSession;
import io.zkstateless.common.p2p.mux.StreamHandler;
import io.zkstateless.common.p2p.mux.StreamNegotiation;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An upgraded connection: TCP, a Noise-authenticated peer, yamux or mplex streams. */
public final class Connection {

  private final Channel channel;
  private final MuxerSession session;
  private final String muxerProtocol;
  private final boolean outbound;

  Connection(
      final Channel channel,
      final MuxerSession session,
      final String muxerProtocol,
      final boolean outbound) {
    this.channel = channel;
    this.session = session;
    this.muxerProtocol = muxerProtocol;
    this.outbound = outbound;
  }

  /** The negotiated stream muxer, {@code /yamux/1.0.0} or {@code /mplex/6.7.0}. */
  public String muxerProtocol() {
    return muxerProtocol;
  }

  public PeerId remotePeerId() {
    return session.remotePeer();
  }

  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  /** Whether we dialled this connection. */
  public boolean isOutbound() {
    return outbound;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /**
   * Opens a stream and negotiates {@code protocolId} on it; the future completes once the peer has
   * accepted, with {@code handler} receiving the stream's data from then on.
   */
  public CompletableFuture<MuxedStream> openStream(
      final String protocolId, final StreamHandler handler) {
    final CompletableFuture<MuxedStream> negotiated = new CompletableFuture<>();
    session
        .openStream(
            stream ->
                StreamNegotiation.start(
                    stream,
                    MultistreamNegotiator.dialer(List.of(protocolId)),
                    (s, protocol) -> {
                      negotiated.complete(s);
                      return handler;
                    },
                    negotiated::completeExceptionally))
        .whenComplete(
            (stream, error) -> {
              if (error != null) {
                negotiated.completeExceptionally(error);
              }
            });
    return negotiated;
  }

  /** Opens a stream without negotiating a protocol on it; for tests of misbehaving peers. */
  CompletableFuture<MuxedStream> openRawStream(final StreamHandler handler) {
    return session.openStream(stream -> stream.setHandler(handler));
  }

  /**
   * Stops ({@code false}) or restarts reading from the socket. While stopped, the peer's bytes wait
   * in the kernel and TCP's window holds the sender back; bytes already read are still processed.
   */
  public void setReading(final boolean reading) {
    channel.config().setAutoRead(reading);
  }

  /** Completes when the connection has closed, for whatever reason. */
  public CompletableFuture<Void> closeFuture() {
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    channel.closeFuture().addListener(f -> closed.complete(null));
    return closed;
  }

  /** Closes the connection (with a yamux go-away first). */
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return (outbound ? "outbound " : "inbound ")
        + remotePeerId()
        + "@"
        + remoteAddress()
        + " "
        + muxerProtocol;
  }
}
