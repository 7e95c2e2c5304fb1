package io.zkstateless.common.model.snappy;

/** The chunk types of the framing format and the body length each one allows. */
enum SnappyChunkType {
  STREAM_IDENTIFIER(6, 6),
  /** Masked CRC-32C, then a snappy block of at most 65536 uncompressed bytes. */
  COMPRESSED(
      SnappyChunkType.CRC_SIZE + 1,
      SnappyChunkType.CRC_SIZE
          + (int) SnappyBlock.maxCompressedLength(SnappyFramed.MAX_CHUNK_DATA)),
  /** Masked CRC-32C, then at most 65536 raw bytes. */
  UNCOMPRESSED(SnappyChunkType.CRC_SIZE, SnappyChunkType.CRC_SIZE + SnappyFramed.MAX_CHUNK_DATA),
  /** Padding ({@code 0xfe}) and reserved skippable types ({@code 0x80-0xfd}): any length. */
  SKIPPABLE(0, 0xffffff);

  static final int CRC_SIZE = 4;

  private final int minBodyLength;
  private final int maxBodyLength;

  SnappyChunkType(final int minBodyLength, final int maxBodyLength) {
    this.minBodyLength = minBodyLength;
    this.maxBodyLength = maxBodyLength;
  }

  /**
   * Classifies a chunk by its type byte and checks its body length.
   *
   * @throws SnappyDecodeException for reserved unskippable types ({@code 0x02-0x7f}) and for a body
   *     length the type does not allow
   */
  static SnappyChunkType of(final int type, final int bodyLength, final long offset) {
    final SnappyChunkType chunkType =
        switch (type) {
          case 0xff -> STREAM_IDENTIFIER;
          case 0x00 -> COMPRESSED;
          case 0x01 -> UNCOMPRESSED;
          default -> {
            if (type < 0x80) {
              throw new SnappyDecodeException(
                  offset, String.format("reserved unskippable chunk type 0x%02x", type));
            }
            yield SKIPPABLE;
          }
        };
    if (bodyLength < chunkType.minBodyLength || bodyLength > chunkType.maxBodyLength) {
      throw new SnappyDecodeException(
          offset,
          String.format(
              "chunk type 0x%02x has length %d, allowed [%d, %d]",
              type, bodyLength, chunkType.minBodyLength, chunkType.maxBodyLength));
    }
    return chunkType;
  }
}
