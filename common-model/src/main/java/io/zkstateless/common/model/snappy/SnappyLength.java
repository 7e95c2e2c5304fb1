package io.zkstateless.common.model.snappy;

/**
 * The uncompressed-length preamble of a snappy block: a little-endian base-128 varint of at most 32
 * bits. It is parsed here, in Java, so the size can be checked before anything is allocated or
 * handed to native code.
 *
 * <p>The rules match the reference decoder ({@code Varint::Parse32WithLimit}): at most five bytes,
 * the fifth below 16. Non-minimal encodings are accepted because the reference decoder accepts
 * them; refusing them would make us reject gossip that every other client accepts.
 */
final class SnappyLength {

  private static final int MAX_BYTES = 5;

  /** The decoded length and how many bytes its varint took. */
  record Preamble(long length, int size) {}

  private SnappyLength() {}

  static Preamble read(final byte[] block, final int offset, final int limit, final long at) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= limit) {
        throw new SnappyDecodeException(at + i, "truncated uncompressed-length varint");
      }
      final int b = block[offset + i] & 0xff;
      if (i == MAX_BYTES - 1 && b >= 16) {
        throw new SnappyDecodeException(at + i, "uncompressed-length varint exceeds 32 bits");
      }
      value |= (long) (b & 0x7f) << (7 * i);
      if (b < 0x80) {
        return new Preamble(value, i + 1);
      }
    }
    throw new SnappyDecodeException(at + MAX_BYTES, "uncompressed-length varint exceeds 32 bits");
  }
}
