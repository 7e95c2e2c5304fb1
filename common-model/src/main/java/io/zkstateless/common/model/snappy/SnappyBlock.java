package io.zkstateless.common.model.snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/**
 * The snappy block format ({@code format_description.txt}): a varint of the uncompressed length,
 * then literals and copies. Eth2 gossip compresses each message's SSZ this way.
 *
 * <p>Decompression is bounded: the declared length is read and checked against the caller's limit
 * before the output is allocated, and the native decoder must then produce exactly that many bytes.
 */
public final class SnappyBlock {

  /**
   * No snappy element yields more than 64 bytes per 3 bytes of input (a 2-byte-offset copy of
   * length 64). A block that declares more than that for its size is a lie, and refusing it up
   * front stops a few hostile bytes from making us allocate megabytes.
   */
  private static final long MAX_EXPANSION_NUMERATOR = 64;

  private static final long MAX_EXPANSION_DENOMINATOR = 3;

  private SnappyBlock() {}

  /**
   * The largest block snappy can produce for {@code uncompressedLength} input bytes: {@code 32 + n
   * + n/6}, the same bound eth2 calls {@code max_compressed_len}.
   */
  public static long maxCompressedLength(final long uncompressedLength) {
    return 32 + uncompressedLength + uncompressedLength / 6;
  }

  public static byte[] compress(final byte[] uncompressed) {
    try {
      return Snappy.compress(uncompressed);
    } catch (final IOException e) {
      // Compression of an in-memory array cannot fail on valid input; this is a native-library
      // fault.
      throw new UncheckedIOException("snappy compression failed", e);
    }
  }

  /**
   * Decompresses a whole block.
   *
   * @param maxUncompressed refuse blocks that declare more output than this
   * @throws SnappyDecodeException if the block is malformed, declares more than the limit, or
   *     produces a different length than it declares
   */
  public static byte[] decompress(final byte[] compressed, final int maxUncompressed) {
    return decompress(compressed, 0, compressed.length, maxUncompressed, 0);
  }

  /**
   * Decompresses {@code length} bytes at {@code offset}; {@code streamOffset} is where they sit in
   * the enclosing input, so errors point at the right byte.
   */
  static byte[] decompress(
      final byte[] source,
      final int offset,
      final int length,
      final int maxUncompressed,
      final long streamOffset) {
    if (length > maxCompressedLength(maxUncompressed)) {
      throw new SnappyDecodeException(
          streamOffset,
          "compressed size " + length + " exceeds the bound for " + maxUncompressed + " bytes");
    }
    final SnappyLength.Preamble declared =
        SnappyLength.read(source, offset, offset + length, streamOffset);
    if (declared.length() > maxUncompressed) {
      throw new SnappyDecodeException(
          streamOffset,
          "declared uncompressed length "
              + declared.length()
              + " exceeds limit "
              + maxUncompressed);
    }
    final long elementBytes = length - declared.size();
    if (declared.length() > elementBytes * MAX_EXPANSION_NUMERATOR / MAX_EXPANSION_DENOMINATOR) {
      throw new SnappyDecodeException(
          streamOffset,
          "declared uncompressed length "
              + declared.length()
              + " cannot come from "
              + elementBytes
              + " bytes of elements");
    }
    final byte[] output = new byte[(int) declared.length()];
    final int produced;
    try {
      produced = Snappy.uncompress(source, offset, length, output, 0);
    } catch (final IOException | IllegalArgumentException e) {
      throw new SnappyDecodeException(streamOffset, "corrupt block: " + e.getMessage(), e);
    }
    if (produced != output.length) {
      throw new SnappyDecodeException(
          streamOffset, "block produced " + produced + " bytes but declared " + output.length);
    }
    return output;
  }
}
