package io.zkstateless.common.p2p.mplex;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.mux.AbstractMuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;

/** One mplex stream: no flow control, so sending is paced by the connection's writability only. */
final class MplexStream extends AbstractMuxedStream {

  private final MplexSession session;

  MplexStream(
      final MplexSession session,
      final Channel channel,
      final long id,
      final boolean initiator,
      final StreamHandler handler) {
    super(channel, id, initiator, handler);
    this.session = session;
  }

  @Override
  public PeerId remotePeerId() {
    return session.remotePeer();
  }

  void onFrame(final MplexFrame frame) {
    switch (frame.flag()) {
      case MplexFrame.MESSAGE_INITIATOR, MplexFrame.MESSAGE_RECEIVER -> {
        if (frame.data().isReadable()) {
          onData(frame.data(), MplexFrameDecoder.FORMAT);
        }
      }
      case MplexFrame.CLOSE_INITIATOR, MplexFrame.CLOSE_RECEIVER -> onRemoteFin();
      default -> terminate();
    }
    flushPending();
  }

  @Override
  protected long sendAllowance() {
    return Long.MAX_VALUE;
  }

  @Override
  protected ChannelFuture writeData(final ByteBuf chunk) {
    return session.writeFrame(
        id(),
        isInitiator() ? MplexFrame.MESSAGE_INITIATOR : MplexFrame.MESSAGE_RECEIVER,
        chunk);
  }

  @Override
  protected void writeFin() {
    session.writeFrame(
        id(), isInitiator() ? MplexFrame.CLOSE_INITIATOR : MplexFrame.CLOSE_RECEIVER, null);
  }

  @Override
  protected void writeReset() {
    session.writeFrame(
        id(), isInitiator() ? MplexFrame.RESET_INITIATOR : MplexFrame.RESET_RECEIVER, null);
  }

  @Override
  protected void removeFromSession() {
    session.removeStream(this);
  }
}
