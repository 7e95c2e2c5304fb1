package io.zkstateless.common.model.snappy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.test.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SnappyBlockTest {

  private static final int TEN_MIB = 10 * 1024 * 1024;
  private static final JsonNode GOSSIP = Fixtures.libp2pVectors().get("gossip");

  @Test
  void decompressesTheGossipVector() {
    final byte[] block = Hex.decode(GOSSIP.get("snappyBlockHex").asString());
    final byte[] payload = Hex.decode(GOSSIP.get("payloadHex").asString());
    assertThat(SnappyBlock.decompress(block, TEN_MIB)).isEqualTo(payload);
  }

  @Test
  void compressesTheGossipPayloadToSomethingThatDecompressesBack() {
    final byte[] payload = Hex.decode(GOSSIP.get("payloadHex").asString());
    final byte[] block = SnappyBlock.compress(payload);
    assertThat(block).startsWith(0x9b, 0x01);
    assertThat(SnappyBlock.decompress(block, payload.length)).isEqualTo(payload);
  }

  @Test
  void rejectsTheInvalidGossipVector() {
    final byte[] data = Hex.decode(GOSSIP.get("invalidSnappyDataHex").asString());
    assertThatThrownBy(() -> SnappyBlock.decompress(data, TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("offset 4")
        .hasMessageContaining("exceeds 32 bits");
  }

  @Test
  void refusesADeclaredLengthOverTheLimitBeforeAllocating() {
    // Declares 4 GiB - 1 in five bytes, then a literal: nothing must be allocated for it.
    final byte[] hostile = Hex.decode("ffffffff0f0061");
    assertThatThrownBy(() -> SnappyBlock.decompress(hostile, TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("declared uncompressed length 4294967295 exceeds limit 10485760");
  }

  @Test
  void refusesADeclaredLengthTheElementsCannotProduce() {
    // Three bytes of elements expand to at most 64 bytes.
    final byte[] largest = SnappyBlock.compress(new byte[64]);
    assertThat(SnappyBlock.decompress(largest, TEN_MIB)).hasSize(64);
    final byte[] claimsMore = Hex.decode("8008" + "fe0100"); // 1024 from one 3-byte copy
    assertThatThrownBy(() -> SnappyBlock.decompress(claimsMore, TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("1024 cannot come from 3 bytes of elements");
  }

  @Test
  void acceptsTheMostCompressiblePayloadsUnderTheExpansionBound() {
    for (final int size : new int[] {1, 64, 65, 65536, TEN_MIB}) {
      final byte[] zeros = new byte[size];
      final byte[] block = SnappyBlock.compress(zeros);
      assertThat(SnappyBlock.decompress(block, TEN_MIB)).isEqualTo(zeros);
    }
  }

  @Test
  void refusesAPayloadOneByteOverTheCallersLimit() {
    final byte[] block = SnappyBlock.compress(new byte[155]);
    assertThat(SnappyBlock.decompress(block, 155)).hasSize(155);
    assertThatThrownBy(() -> SnappyBlock.decompress(block, 154))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("exceeds limit 154");
  }

  @Test
  void rejectsALengthThatDisagreesWithTheContent() {
    final byte[] block = Hex.decode(GOSSIP.get("snappyBlockHex").asString());
    final byte[] longer = block.clone();
    longer[0] = (byte) 0x9c; // declares 156 for 155 bytes of content
    final byte[] shorter = block.clone();
    shorter[0] = (byte) 0x9a;
    assertThatThrownBy(() -> SnappyBlock.decompress(longer, TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class);
    assertThatThrownBy(() -> SnappyBlock.decompress(shorter, TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class);
  }

  @Test
  void rejectsTruncatedAndEmptyInput() {
    final byte[] block = Hex.decode(GOSSIP.get("snappyBlockHex").asString());
    assertThatThrownBy(() -> SnappyBlock.decompress(new byte[0], TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("truncated uncompressed-length varint");
    assertThatThrownBy(() -> SnappyBlock.decompress(new byte[] {(byte) 0x80}, TEN_MIB))
        .hasMessageContaining("offset 1: truncated");
    for (int cut = 2; cut < block.length; cut++) {
      final byte[] prefix = Arrays.copyOf(block, cut);
      assertThatThrownBy(() -> SnappyBlock.decompress(prefix, TEN_MIB))
          .isInstanceOf(SnappyDecodeException.class);
    }
  }

  @Test
  void rejectsTrailingBytesAfterTheLastElement() {
    final byte[] block = Hex.decode(GOSSIP.get("snappyBlockHex").asString());
    final byte[] extended = Arrays.copyOf(block, block.length + 1);
    assertThatThrownBy(() -> SnappyBlock.decompress(extended, TEN_MIB))
        .isInstanceOf(SnappyDecodeException.class);
  }

  @Test
  void refusesCompressedInputLargerThanAnyEncoderWouldProduce() {
    final byte[] oversized = new byte[(int) SnappyBlock.maxCompressedLength(100) + 1];
    assertThatThrownBy(() -> SnappyBlock.decompress(oversized, 100))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("exceeds the bound for 100 bytes");
  }

  @Test
  void acceptsTheEmptyBlockAndNonMinimalLengthsLikeTheReferenceDecoder() {
    assertThat(SnappyBlock.decompress(new byte[] {0}, 0)).isEmpty();
    // 0x80 0x00 is a non-minimal zero; snappy's own Varint::Parse32WithLimit accepts it.
    assertThat(SnappyBlock.decompress(new byte[] {(byte) 0x80, 0}, 0)).isEmpty();
  }

  @Test
  void computesTheEth2CompressedLengthBound() {
    assertThat(SnappyBlock.maxCompressedLength(TEN_MIB)).isEqualTo(12_233_418L);
  }
}
