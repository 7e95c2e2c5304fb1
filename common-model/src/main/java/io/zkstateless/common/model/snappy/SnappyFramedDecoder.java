package io.zkstateless.common.model.snappy;

import java.util.Arrays;
import java.util.Objects;

/**
 * A strict, incremental decoder of one snappy framed payload whose uncompressed length is known in
 * advance (eth2 req/resp sends it as a uvarint before the frames). Feed it bytes as the network
 * delivers them; it consumes exactly the bytes of this payload and no more, so whatever follows
 * (the next response chunk) is left to the caller.
 *
 * <p>snappy-java's {@code SnappyFramedInputStream} checks the stream identifier, the CRCs and the
 * reserved chunk types, but it is a blocking pull stream that knows neither the expected length nor
 * a byte budget, so it cannot stop at a payload boundary inside a push pipeline; it also ends
 * quietly when the input stops inside a skippable chunk (1.1.10.12). This class does the framing
 * itself and uses snappy-java only for each chunk's block.
 *
 * <p>Checks: the stream identifier comes first; reserved unskippable chunks ({@code 0x02-0x7f}) are
 * refused; each data chunk carries at most 65536 bytes and a matching masked CRC-32C; the output
 * never exceeds the declared length; the framed bytes never exceed {@code max_compressed_len}.
 * Output memory grows with the data actually received, not with the declared length.
 */
public final class SnappyFramedDecoder {

  private static final int CHUNK_HEADER_SIZE = 4;
  private static final int CRC_SIZE = SnappyChunkType.CRC_SIZE;
  private static final int STREAM_IDENTIFIER_TYPE = 0xff;

  private final int expectedLength;
  private final long maxFramedLength;
  private final byte[] header = new byte[CHUNK_HEADER_SIZE];
  private int headerFill;
  private SnappyChunkType chunkType;
  private byte[] body;
  private int bodyFill;
  private int skipRemaining;
  private long consumed;
  private long chunkStart;
  private boolean sawStreamIdentifier;
  private byte[] output = new byte[0];
  private int produced;
  private SnappyDecodeException failure;

  private SnappyFramedDecoder(final int expectedLength) {
    this.expectedLength = expectedLength;
    this.maxFramedLength = SnappyBlock.maxCompressedLength(expectedLength);
  }

  /**
   * A decoder for a payload that declares {@code expectedLength} uncompressed bytes.
   *
   * @throws SnappyDecodeException if the declared length is negative or above {@code maxLength}
   */
  public static SnappyFramedDecoder expecting(final int expectedLength, final int maxLength) {
    if (expectedLength < 0 || expectedLength > maxLength) {
      throw new SnappyDecodeException(
          0, "declared length " + expectedLength + " outside [0, " + maxLength + "]");
    }
    return new SnappyFramedDecoder(expectedLength);
  }

  /**
   * Consumes bytes of this payload from {@code bytes[offset, offset + length)}.
   *
   * @return how many bytes were consumed; fewer than {@code length} only once {@link #isComplete()}
   * @throws SnappyDecodeException as soon as the input is known to be invalid, and again on every
   *     later call: a failed stream stays failed
   */
  public int feed(final byte[] bytes, final int offset, final int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (failure != null) {
      throw failure;
    }
    try {
      return consume(bytes, offset, length);
    } catch (final SnappyDecodeException e) {
      failure = e;
      throw e;
    }
  }

  private int consume(final byte[] bytes, final int offset, final int length) {
    int position = offset;
    final int end = offset + length;
    while (position < end && !isComplete()) {
      final int available = end - position;
      final int taken;
      if (skipRemaining > 0) {
        taken = Math.min(skipRemaining, available);
        skipRemaining -= taken;
      } else if (body != null) {
        taken = Math.min(body.length - bodyFill, available);
        System.arraycopy(bytes, position, body, bodyFill, taken);
        bodyFill += taken;
      } else {
        taken = Math.min(CHUNK_HEADER_SIZE - headerFill, available);
        System.arraycopy(bytes, position, header, headerFill, taken);
        headerFill += taken;
      }
      position += taken;
      consumed += taken;
      if (body != null && bodyFill == body.length) {
        finishChunk();
      } else if (headerFill == CHUNK_HEADER_SIZE && body == null && skipRemaining == 0) {
        startChunk();
      }
    }
    return position - offset;
  }

  /** True once every declared byte has arrived and no chunk is half-read. */
  public boolean isComplete() {
    return sawStreamIdentifier
        && produced == expectedLength
        && headerFill == 0
        && body == null
        && skipRemaining == 0;
  }

  /**
   * Called at end of input. An empty payload may arrive as no bytes at all, because encoders
   * disagree on whether zero bytes still get a stream identifier; anything else must be complete.
   *
   * @throws SnappyDecodeException if the payload is truncated
   */
  public void finish() {
    if (failure != null) {
      throw failure;
    }
    if (expectedLength == 0 && consumed == 0) {
      sawStreamIdentifier = true;
      return;
    }
    if (!isComplete()) {
      throw new SnappyDecodeException(
          consumed,
          "truncated framed payload: " + produced + " of " + expectedLength + " bytes decoded");
    }
  }

  /** The decoded payload; only valid once complete. */
  public byte[] result() {
    if (!isComplete()) {
      throw new IllegalStateException("framed payload not complete");
    }
    return output.length == produced ? output.clone() : Arrays.copyOf(output, produced);
  }

  /** Bytes consumed so far. */
  public long consumed() {
    return consumed;
  }

  private void startChunk() {
    chunkStart = consumed - CHUNK_HEADER_SIZE;
    final int type = header[0] & 0xff;
    final int bodyLength = (header[1] & 0xff) | (header[2] & 0xff) << 8 | (header[3] & 0xff) << 16;
    headerFill = 0;
    if (chunkStart + CHUNK_HEADER_SIZE + bodyLength > maxFramedLength) {
      throw fail(
          "chunk of " + bodyLength + " bytes exceeds the framed size bound " + maxFramedLength);
    }
    if (!sawStreamIdentifier && type != STREAM_IDENTIFIER_TYPE) {
      throw fail("stream does not start with the stream identifier");
    }
    chunkType = SnappyChunkType.of(type, bodyLength, chunkStart);
    if (chunkType == SnappyChunkType.SKIPPABLE) {
      skipRemaining = bodyLength;
      return;
    }
    if (chunkType == SnappyChunkType.UNCOMPRESSED) {
      requireRoom(bodyLength - CRC_SIZE);
    }
    body = new byte[bodyLength];
    bodyFill = 0;
  }

  private void finishChunk() {
    final byte[] chunk = body;
    body = null;
    switch (chunkType) {
      case STREAM_IDENTIFIER -> {
        if (!Arrays.equals(chunk, 0, 6, SnappyFramed.STREAM_IDENTIFIER, 4, 10)) {
          throw fail("stream identifier is not \"sNaPpY\"");
        }
        sawStreamIdentifier = true;
      }
      case COMPRESSED -> {
        final long dataStart = chunkStart + CHUNK_HEADER_SIZE + CRC_SIZE;
        final int limit = Math.min(SnappyFramed.MAX_CHUNK_DATA, expectedLength - produced);
        final byte[] data =
            SnappyBlock.decompress(chunk, CRC_SIZE, chunk.length - CRC_SIZE, limit, dataStart);
        append(chunk, data, 0, data.length);
      }
      case UNCOMPRESSED -> append(chunk, chunk, CRC_SIZE, chunk.length - CRC_SIZE);
      case SKIPPABLE -> throw new IllegalStateException("skippable chunks are not buffered");
    }
  }

  private void append(final byte[] chunk, final byte[] data, final int from, final int length) {
    final int expectedCrc =
        (chunk[0] & 0xff)
            | (chunk[1] & 0xff) << 8
            | (chunk[2] & 0xff) << 16
            | (chunk[3] & 0xff) << 24;
    if (SnappyFramed.maskedCrc32c(data, from, length) != expectedCrc) {
      throw fail("CRC-32C mismatch");
    }
    requireRoom(length);
    if (produced + length > output.length) {
      final int grown =
          (int) Math.min(expectedLength, Math.max(2L * output.length, produced + length));
      output = Arrays.copyOf(output, grown);
    }
    System.arraycopy(data, from, output, produced, length);
    produced += length;
  }

  private void requireRoom(final int length) {
    if (length > expectedLength - produced) {
      throw fail(
          "chunk carries " + length + " bytes but only " + (expectedLength - produced) + " remain");
    }
  }

  private SnappyDecodeException fail(final String problem) {
    return new SnappyDecodeException(chunkStart, problem);
  }
}
