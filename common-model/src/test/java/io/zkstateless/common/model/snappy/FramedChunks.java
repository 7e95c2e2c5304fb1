package io.zkstateless.common.model.snappy;

import java.io.ByteArrayOutputStream;

/** Builds framed streams chunk by chunk, so tests can put exactly the bytes they mean to. */
final class FramedChunks {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static FramedChunks stream() {
    final FramedChunks chunks = new FramedChunks();
    chunks.out.writeBytes(SnappyFramed.STREAM_IDENTIFIER);
    return chunks;
  }

  static FramedChunks empty() {
    return new FramedChunks();
  }

  FramedChunks raw(final int type, final byte[] body) {
    out.write(type);
    out.write(body.length);
    out.write(body.length >>> 8);
    out.write(body.length >>> 16);
    out.writeBytes(body);
    return this;
  }

  FramedChunks uncompressed(final byte[] data) {
    return raw(0x01, withCrc(SnappyFramed.maskedCrc32c(data, 0, data.length), data));
  }

  FramedChunks compressed(final byte[] data) {
    return raw(
        0x00, withCrc(SnappyFramed.maskedCrc32c(data, 0, data.length), SnappyBlock.compress(data)));
  }

  FramedChunks compressedWithCrc(final int crc, final byte[] data) {
    return raw(0x00, withCrc(crc, SnappyBlock.compress(data)));
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private static byte[] withCrc(final int crc, final byte[] payload) {
    final byte[] body = new byte[4 + payload.length];
    body[0] = (byte) crc;
    body[1] = (byte) (crc >>> 8);
    body[2] = (byte) (crc >>> 16);
    body[3] = (byte) (crc >>> 24);
    System.arraycopy(payload, 0, body, 4, payload.length);
    return body;
  }
}
