package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszTestStructs.ComplexTestStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.FixedTestStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.VarTestStruct;
import java.util.List;
import org.junit.jupiter.api.Test;

class SszSchemaTest {

  private static final VarTestStruct VAR = new VarTestStruct(1, List.of(2L, 3L), 4);
  private static final FixedTestStruct FIXED = new FixedTestStruct(1, 2, 3);

  @Test
  void errorsNameTheNestedFieldPathAndAbsoluteOffset() {
    final ComplexTestStruct value =
        new ComplexTestStruct(
            1,
            List.of(),
            2,
            ImmutableBytes.EMPTY,
            VAR,
            List.of(FIXED, FIXED, FIXED, FIXED),
            List.of(VAR, VAR));
    final byte[] encoded = SszTestStructs.COMPLEX_TEST_STRUCT.encode(value);
    final byte[] withOddTail = SszMutations.withTrailingByte(encoded, (byte) 0);
    assertThatThrownBy(() -> SszTestStructs.COMPLEX_TEST_STRUCT.decode(withOddTail))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("ComplexTestStruct.G[1].B: length 5 is not a multiple of the 2-byte")
        .satisfies(
            e -> assertThat(((SszDecodeException) e).offset()).isEqualTo(encoded.length - 4L));
  }

  @Test
  void listLimitsAreCheckedFromTheLengthBeforeDecodingElements() {
    final SszListSchema<Long> schema = new SszListSchema<>(SszUintSchema.UINT16, 128);
    assertThat(schema.decode(new byte[256])).hasSize(128);
    assertThatThrownBy(() -> schema.decode(new byte[258]))
        .hasMessageContaining("129 elements exceed the limit 128 of List[uint16, 128]");
    final SszListSchema<VarTestStruct> composite =
        new SszListSchema<>(SszTestStructs.VAR_TEST_STRUCT, 2);
    // First offset 12 announces three elements: rejected before any element is read.
    assertThatThrownBy(() -> composite.decode(Hex.decode("0x0c000000" + "00".repeat(8))))
        .hasMessageContaining("3 elements exceed the limit 2");
  }

  @Test
  void wellKnownRoots() {
    // zero_hashes[1] = sha256(32 zero bytes || 32 zero bytes)
    assertThat(Hex.encode(Merkleizer.zeroHash(1)))
        .isEqualTo("0xf5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
    // An empty list's root is mix_in_length(zero subtree root, 0), whatever the limit.
    final SszListSchema<Long> empty = new SszListSchema<>(SszUintSchema.UINT64, 1L << 40);
    assertThat(empty.hashTreeRoot(List.of()))
        .isEqualTo(Merkleizer.mixInLength(Bytes32.wrap(Merkleizer.zeroHash(38)), 0));
    assertThat(SszUintSchema.UINT64.hashTreeRoot(-1L).toHexString())
        .startsWith("0xffffffffffffffff00");
  }

  @Test
  void encodingRejectsValuesOutsideTheirType() {
    assertThatThrownBy(() -> SszUintSchema.UINT8.encode(256L)).hasMessageContaining("uint8");
    assertThatThrownBy(() -> new SszVectorSchema<>(SszUintSchema.UINT8, 2).encode(List.of(1L)))
        .hasMessageContaining("needs 2 elements");
    assertThatThrownBy(() -> new SszBitlistSchema(2).encode(Bitfield.of(true, true, true)))
        .hasMessageContaining("at most 2 bits");
    assertThatThrownBy(() -> new SszByteListSchema(1).encode(ImmutableBytes.fromHex("0x0102")))
        .hasMessageContaining("at most 1 bytes");
  }

  @Test
  void sizeBoundsLetTransportsRejectEarly() {
    assertThat(SszTestStructs.VAR_TEST_STRUCT.minSize()).isEqualTo(7);
    assertThat(SszTestStructs.VAR_TEST_STRUCT.maxSize()).isEqualTo(7 + 2048);
    assertThat(new SszBitlistSchema(512).maxSize()).isEqualTo(65);
    assertThat(SszTestStructs.FIXED_TEST_STRUCT.fixedSize()).isEqualTo(13);
  }

  @Test
  void bitfieldsAreImmutableAndOrderedLikeSsz() {
    final Bitfield bits = Bitfield.of(true, false, true);
    assertThat(bits.toBytes()).containsExactly(0b101);
    assertThat(bits.with(1, true).get(1)).isTrue();
    assertThat(bits.get(1)).isFalse();
    assertThat(new SszBitlistSchema(8).encode(bits)).containsExactly(0b1101);
    assertThatThrownBy(() -> Bitfield.fromBytes(3, new byte[] {0b1000}))
        .hasMessageContaining("beyond bit 3");
  }
}
