package io.zkstateless.common.model.snappy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnappyFramedDecoderTest {

  private static final int MAX = 10 * 1024 * 1024;
  private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

  @Test
  void roundTripsAcrossChunkBoundaries() {
    final Random random = new Random(7);
    for (final int size : new int[] {0, 1, 65535, 65536, 65537, 3 * 65536 + 11}) {
      final byte[] data = new byte[size];
      random.nextBytes(data);
      Arrays.fill(data, 0, size / 2, (byte) 1); // half compressible, half not
      assertThat(SnappyFramed.decompress(SnappyFramed.compress(data), size, size)).isEqualTo(data);
    }
  }

  @Test
  void consumesExactlyThePayloadAndLeavesTheNextMessage() {
    final byte[] framed = SnappyFramed.compress(HELLO);
    final byte[] withNext = Arrays.copyOf(framed, framed.length + 3);
    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(5, MAX);
    assertThat(decoder.feed(withNext, 0, withNext.length)).isEqualTo(framed.length);
    assertThat(decoder.result()).isEqualTo(HELLO);
    assertThat(decoder.feed(withNext, framed.length, 3)).isZero();
  }

  @Test
  void skipsPaddingAndSkippableChunksAndRepeatedStreamIdentifiers() {
    final byte[] data = new byte[100];
    Arrays.fill(data, 40, 100, (byte) 7);
    final byte[] framed =
        FramedChunks.stream()
            .raw(0xfe, new byte[3])
            .uncompressed(Arrays.copyOfRange(data, 0, 40))
            .raw(0x80, new byte[0])
            .raw(0xff, Arrays.copyOfRange(SnappyFramed.STREAM_IDENTIFIER, 4, 10))
            .compressed(Arrays.copyOfRange(data, 40, 100))
            .toByteArray();
    assertThat(SnappyFramed.decompress(framed, 100, MAX)).isEqualTo(data);
  }

  @Test
  void requiresTheStreamIdentifierFirst() {
    final byte[] framed = FramedChunks.empty().uncompressed(HELLO).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(framed, 5, MAX))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("offset 0: stream does not start with the stream identifier");
    final byte[] wrongMagic =
        FramedChunks.empty().raw(0xff, "sNaPpX".getBytes()).uncompressed(HELLO).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(wrongMagic, 5, MAX))
        .hasMessageContaining("is not \"sNaPpY\"");
    final byte[] wrongLength = FramedChunks.empty().raw(0xff, new byte[7]).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(wrongLength, 5, MAX))
        .hasMessageContaining("chunk type 0xff has length 7");
  }

  @Test
  void rejectsReservedUnskippableChunks() {
    for (final int type : new int[] {0x02, 0x42, 0x7f}) {
      final byte[] framed = FramedChunks.stream().raw(type, new byte[1]).toByteArray();
      assertThatThrownBy(() -> SnappyFramed.decompress(framed, 5, MAX))
          .isInstanceOf(SnappyDecodeException.class)
          .hasMessageContaining("offset 10: reserved unskippable chunk type");
    }
  }

  @Test
  void staysFailedAfterAnError() {
    final byte[] framed = FramedChunks.stream().uncompressed(HELLO).toByteArray();
    framed[framed.length - 1] ^= 1;
    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(5, MAX);
    assertThatThrownBy(() -> decoder.feed(framed, 0, framed.length))
        .hasMessageContaining("CRC-32C mismatch");
    final byte[] good = FramedChunks.empty().uncompressed(HELLO).toByteArray();
    assertThatThrownBy(() -> decoder.feed(good, 0, good.length))
        .hasMessageContaining("CRC-32C mismatch");
    assertThatThrownBy(decoder::finish).hasMessageContaining("CRC-32C mismatch");
  }

  @Test
  void rejectsChecksumMismatches() {
    final byte[] framed = FramedChunks.stream().uncompressed(HELLO).toByteArray();
    framed[framed.length - 1] ^= 1;
    assertThatThrownBy(() -> SnappyFramed.decompress(framed, 5, MAX))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("CRC-32C mismatch");
    final int good = SnappyFramed.maskedCrc32c(HELLO, 0, 5);
    final byte[] compressed =
        FramedChunks.stream().compressedWithCrc(good + 1, HELLO).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(compressed, 5, MAX))
        .hasMessageContaining("CRC-32C mismatch");
  }

  @Test
  void refusesMoreOutputThanDeclared() {
    final byte[] framed = FramedChunks.stream().uncompressed(HELLO).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(framed, 4, MAX))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("chunk carries 5 bytes but only 4 remain");
    final byte[] compressed = FramedChunks.stream().compressed(HELLO).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(compressed, 4, MAX))
        .hasMessageContaining("declared uncompressed length 5 exceeds limit 4");
  }

  @Test
  void refusesChunksOverThe65536ByteLimit() {
    final byte[] big = new byte[65537];
    final byte[] framed = FramedChunks.stream().uncompressed(big).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(framed, big.length, MAX))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("chunk type 0x01 has length 65541");
    final byte[] compressed = FramedChunks.stream().compressed(big).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(compressed, big.length, MAX))
        .hasMessageContaining("exceeds limit 65536");
  }

  @Test
  void refusesADeclaredLengthOverTheMaximum() {
    assertThatThrownBy(() -> SnappyFramedDecoder.expecting(MAX + 1, MAX))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("declared length 10485761 outside [0, 10485760]");
    assertThatThrownBy(() -> SnappyFramedDecoder.expecting(-1, MAX))
        .isInstanceOf(SnappyDecodeException.class);
  }

  @Test
  void boundsTheFramedBytesByTheCompressedLengthOfTheDeclaredPayload() {
    // 5 bytes allow 32 + 5 + 0 = 37 framed bytes; padding must not stretch a stream beyond that.
    final byte[] framed =
        FramedChunks.stream().raw(0xfe, new byte[20]).uncompressed(HELLO).toByteArray();
    assertThatThrownBy(() -> SnappyFramed.decompress(framed, 5, MAX))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("offset 34: chunk of 9 bytes exceeds the framed size bound 37");
    final byte[] hugePadding = FramedChunks.stream().raw(0xfe, new byte[0]).toByteArray();
    hugePadding[11] = hugePadding[12] = hugePadding[13] = (byte) 0xff;
    assertThatThrownBy(() -> SnappyFramed.decompress(hugePadding, 5, MAX))
        .hasMessageContaining("chunk of 16777215 bytes exceeds");
  }

  @Test
  void reportsTruncationAndTrailingBytes() {
    final byte[] framed = SnappyFramed.compress(HELLO);
    for (int cut = 0; cut < framed.length; cut++) {
      final byte[] prefix = Arrays.copyOf(framed, cut);
      assertThatThrownBy(() -> SnappyFramed.decompress(prefix, 5, MAX))
          .isInstanceOf(SnappyDecodeException.class)
          .hasMessageContaining("truncated framed payload");
    }
    final byte[] trailing = Arrays.copyOf(framed, framed.length + 1);
    assertThatThrownBy(() -> SnappyFramed.decompress(trailing, 5, MAX))
        .hasMessageContaining("1 trailing bytes after the framed payload");
  }

  @Test
  void acceptsAnEmptyPayloadWithOrWithoutTheStreamIdentifier() {
    assertThat(SnappyFramed.decompress(new byte[0], 0, MAX)).isEmpty();
    assertThat(SnappyFramed.compress(new byte[0])).isEqualTo(SnappyFramed.STREAM_IDENTIFIER);
    assertThat(SnappyFramed.decompress(SnappyFramed.STREAM_IDENTIFIER, 0, MAX)).isEmpty();
  }

  @Test
  void growsOutputWithTheDataNotWithTheDeclaredLength() {
    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(MAX, MAX);
    final byte[] start = FramedChunks.stream().uncompressed(HELLO).toByteArray();
    assertThat(decoder.feed(start, 0, start.length)).isEqualTo(start.length);
    assertThat(decoder.isComplete()).isFalse();
    assertThatThrownBy(decoder::finish).hasMessageContaining("5 of 10485760 bytes decoded");
    assertThatThrownBy(decoder::result).isInstanceOf(IllegalStateException.class);
  }
}
