package io.zkstateless.common.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.mux.AbstractMuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;

/**
 * One yamux stream. Sending respects the peer's window (and, in the base class, the connection's
 * writability). Receiving enforces our window, delivers data to the handler and re-opens the window
 * once half of it has been consumed.
 */
final class YamuxStream extends AbstractMuxedStream {

  private final YamuxSession session;
  private long sendWindow = YamuxSession.INITIAL_WINDOW;
  private long receiveWindow = YamuxSession.INITIAL_WINDOW;

  YamuxStream(
      final YamuxSession session,
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

  void onFrame(final YamuxFrame frame) {
    if (frame.type() == YamuxFrame.TYPE_WINDOW_UPDATE) {
      sendWindow += frame.length();
      if (sendWindow > 0xFFFFFFFFL) {
        throw new P2pProtocolException(
            YamuxFrameDecoder.FORMAT, 0, "send window of stream " + id() + " overflows");
      }
    } else if (frame.length() > 0) {
      onData(frame);
    }
    if (frame.has(YamuxFrame.FLAG_RST)) {
      terminate();
      return;
    }
    if (frame.has(YamuxFrame.FLAG_FIN)) {
      onRemoteFin();
    }
    flushPending();
  }

  private void onData(final YamuxFrame frame) {
    if (frame.length() > receiveWindow) {
      throw new P2pProtocolException(
          YamuxFrameDecoder.FORMAT,
          0,
          "stream "
              + id()
              + " sent "
              + frame.length()
              + " bytes into a window of "
              + receiveWindow);
    }
    receiveWindow -= frame.length();
    onData(frame.data(), YamuxFrameDecoder.FORMAT);
    if (!isReset() && receiveWindow <= YamuxSession.INITIAL_WINDOW / 2) {
      final long delta = YamuxSession.INITIAL_WINDOW - receiveWindow;
      receiveWindow = YamuxSession.INITIAL_WINDOW;
      session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, 0, id(), delta, null);
    }
  }

  @Override
  protected long sendAllowance() {
    return sendWindow;
  }

  @Override
  protected ChannelFuture writeData(final ByteBuf chunk) {
    sendWindow -= chunk.readableBytes();
    return session.writeFrame(YamuxFrame.TYPE_DATA, 0, id(), chunk.readableBytes(), chunk);
  }

  @Override
  protected void writeFin() {
    session.writeFrame(YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_FIN, id(), 0, null);
  }

  @Override
  protected void writeReset() {
    session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id(), 0, null);
  }

  @Override
  protected void removeFromSession() {
    session.removeStream(this);
  }
}
