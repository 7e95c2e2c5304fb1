package io.zkstateless.common.model.snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32C;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * The snappy framing format ({@code framing_format.txt}) used by eth2 req/resp: a stream identifier
 * chunk, then compressed ({@code 0x00}) and uncompressed ({@code 0x01}) data chunks of at most
 * 65536 bytes each, every one carrying the masked CRC-32C of its uncompressed bytes.
 */
public final class SnappyFramed {

  /** {@code ff 06 00 00 "sNaPpY"}: the chunk every framed stream starts with. */
  static final byte[] STREAM_IDENTIFIER = {
    (byte) 0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59
  };

  /** Uncompressed bytes one data chunk may carry. */
  public static final int MAX_CHUNK_DATA = 65536;

  private static final int CRC_MASK_DELTA = 0xa282ead8;

  private SnappyFramed() {}

  /** Compresses into a framed stream with snappy-java's own encoder. */
  public static byte[] compress(final byte[] uncompressed) {
    final ByteArrayOutputStream out =
        new ByteArrayOutputStream(STREAM_IDENTIFIER.length + uncompressed.length / 2 + 16);
    try (SnappyFramedOutputStream framed = new SnappyFramedOutputStream(out)) {
      framed.write(uncompressed);
    } catch (final IOException e) {
      throw new UncheckedIOException("snappy framed compression failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Decompresses a complete framed stream that must hold exactly {@code expectedLength} bytes and
   * nothing after them.
   *
   * @throws SnappyDecodeException on any malformed chunk, bad checksum, size over the limits,
   *     truncation or trailing bytes
   */
  public static byte[] decompress(
      final byte[] framed, final int expectedLength, final int maxLength) {
    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(expectedLength, maxLength);
    final int consumed = decoder.feed(framed, 0, framed.length);
    decoder.finish();
    if (consumed != framed.length) {
      throw new SnappyDecodeException(
          consumed, (framed.length - consumed) + " trailing bytes after the framed payload");
    }
    return decoder.result();
  }

  /** CRC-32C of the data, rotated and offset as the framing format prescribes. */
  static int maskedCrc32c(final byte[] data, final int offset, final int length) {
    final CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    final int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + CRC_MASK_DELTA;
  }
}
