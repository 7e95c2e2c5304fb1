package io.zkstateless.common.p2p.yamux;

import io.netty.buffer.ByteBuf;

/**
 * A yamux frame: the 12-byte header (version 0, type, flags, stream id, length) and, for Data
 * frames, the payload. For the other types {@code length} is a value: a window delta, a ping's
 * opaque value, or a go-away code.
 */
record YamuxFrame(int type, int flags, long streamId, long length, ByteBuf data) {

  static final int HEADER_BYTES = 12;
  static final int VERSION = 0;

  static final int TYPE_DATA = 0;
  static final int TYPE_WINDOW_UPDATE = 1;
  static final int TYPE_PING = 2;
  static final int TYPE_GO_AWAY = 3;

  static final int FLAG_SYN = 1;
  static final int FLAG_ACK = 2;
  static final int FLAG_FIN = 4;
  static final int FLAG_RST = 8;

  static final long GO_AWAY_NORMAL = 0;
  static final long GO_AWAY_PROTOCOL_ERROR = 1;

  boolean has(final int flag) {
    return (flags & flag) != 0;
  }

  static void writeHeader(
      final ByteBuf out, final int type, final int flags, final long streamId, final long length) {
    out.writeByte(VERSION);
    out.writeByte(type);
    out.writeShort(flags);
    out.writeInt((int) streamId);
    out.writeInt((int) length);
  }
}
