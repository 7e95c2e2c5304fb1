package io.zkstateless.common.p2p.mplex;

import io.netty.buffer.ByteBuf;

/**
 * An mplex frame: {@code uvarint(streamId << 3 | flag) ‖ uvarint(length) ‖ data}. Flags say who
 * opened the stream the frame belongs to: odd ones come from the receiving side, even ones (except
 * NewStream) from the opener, so each side numbers its own streams independently.
 */
record MplexFrame(long streamId, int flag, ByteBuf data) {

  static final int NEW_STREAM = 0;
  static final int MESSAGE_RECEIVER = 1;
  static final int MESSAGE_INITIATOR = 2;
  static final int CLOSE_RECEIVER = 3;
  static final int CLOSE_INITIATOR = 4;
  static final int RESET_RECEIVER = 5;
  static final int RESET_INITIATOR = 6;

  /** Whether the frame was sent by the side that opened the stream. */
  boolean fromInitiator() {
    return flag == NEW_STREAM || (flag & 1) == 0;
  }
}
