package io.zkstateless.common.p2p.mux;

import io.netty.buffer.ByteBuf;

/** Receives a {@link MuxedStream}'s events, on the connection's event loop. */
public interface StreamHandler {

  /**
   * Bytes received. The buffer is released after this returns; retain it to keep it. Throwing a
   * {@link io.zkstateless.common.p2p.P2pProtocolException} resets just this stream.
   */
  void onData(MuxedStream stream, ByteBuf data);

  /** The peer half-closed: it will send nothing more. */
  default void onRemoteClose(final MuxedStream stream) {}

  /** The stream was reset by the peer, by us, or because the connection closed. */
  default void onReset(final MuxedStream stream) {}
}
