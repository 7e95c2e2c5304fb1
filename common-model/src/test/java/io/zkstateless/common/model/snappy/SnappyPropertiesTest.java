package io.zkstateless.common.model.snappy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SnappyPropertiesTest {

  private static final int MAX = 1 << 20;

  @Property(tries = 300)
  void blocksRoundTrip(@ForAll @Size(max = 5000) final byte[] payload) {
    assertThat(SnappyBlock.decompress(SnappyBlock.compress(payload), payload.length))
        .isEqualTo(payload);
  }

  @Property(tries = 100)
  void framedStreamsDecodeTheSameHoweverTheyAreSplit(
      @ForAll @Size(max = 140_000) final byte[] payload,
      @ForAll @IntRange(min = 1, max = 70_000) final int pieceSize) {
    final byte[] framed = SnappyFramed.compress(payload);
    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(payload.length, MAX);
    for (int offset = 0; offset < framed.length; offset += pieceSize) {
      final int length = Math.min(pieceSize, framed.length - offset);
      assertThat(decoder.feed(framed, offset, length)).isEqualTo(length);
    }
    decoder.finish();
    assertThat(decoder.result()).isEqualTo(payload);
  }

  @Property(tries = 1000)
  void corruptedBlocksRaiseOnlySnappyDecodeException(
      @ForAll @Size(min = 1, max = 300) final byte[] payload,
      @ForAll @IntRange(max = 1000) final int position,
      @ForAll final byte flip) {
    final byte[] block = SnappyBlock.compress(payload);
    block[position % block.length] ^= flip;
    try {
      final byte[] decoded = SnappyBlock.decompress(block, MAX);
      assertThat(decoded.length).isLessThanOrEqualTo(MAX);
    } catch (final SnappyDecodeException expected) {
      assertThat(expected.offset()).isNotNegative();
    }
  }

  @Property(tries = 1000)
  void corruptedFramesRaiseOnlySnappyDecodeException(
      @ForAll @Size(min = 1, max = 300) final byte[] payload,
      @ForAll @IntRange(max = 1000) final int position,
      @ForAll final byte flip) {
    final byte[] framed = SnappyFramed.compress(payload);
    framed[position % framed.length] ^= flip;
    try {
      final byte[] decoded = SnappyFramed.decompress(framed, payload.length, MAX);
      // A single corrupted byte never gets past the framing checks and the CRC-32C.
      assertThat(flip).isZero();
      assertThat(decoded).isEqualTo(payload);
    } catch (final SnappyDecodeException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) framed.length);
    }
  }
}
