package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszTestStructs.BitsStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.ComplexTestStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.FixedTestStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.VarTestStruct;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round-trip, mutation and root-stability properties of nested containers, lists and bits. */
class SszContainerPropertyTest {

  @Property(tries = 300)
  void complexStructsRoundTrip(@ForAll("complex") final ComplexTestStruct value) {
    final SszContainerSchema<ComplexTestStruct> schema = SszTestStructs.COMPLEX_TEST_STRUCT;
    final byte[] encoded = schema.encode(value);
    assertThat(encoded).hasSize(schema.encodedSize(value));
    assertThat(schema.decode(encoded)).isEqualTo(value);
    assertThat(schema.hashTreeRoot(schema.decode(encoded))).isEqualTo(schema.hashTreeRoot(value));
  }

  @Property(tries = 300)
  void bitsStructsRoundTrip(@ForAll("bits") final BitsStruct value) {
    final SszContainerSchema<BitsStruct> schema = SszTestStructs.BITS_STRUCT;
    assertThat(schema.decode(schema.encode(value))).isEqualTo(value);
  }

  @Property(tries = 300)
  void singleByteChangesAreRejectedOrCanonical(
      @ForAll("complex") final ComplexTestStruct value,
      @ForAll final int position,
      @ForAll final byte replacement) {
    final byte[] encoded = SszTestStructs.COMPLEX_TEST_STRUCT.encode(value);
    final byte[] mutated =
        SszMutations.withByte(encoded, Math.floorMod(position, encoded.length), replacement);
    SszMutations.checkDecodeContract(SszTestStructs.COMPLEX_TEST_STRUCT, mutated);
  }

  @Property(tries = 300)
  void truncationsAndTrailingBytesAreRejected(
      @ForAll("bits") final BitsStruct bits,
      @ForAll("complex") final ComplexTestStruct complex,
      @ForAll final int cut,
      @ForAll final byte extra) {
    final byte[] bitsEncoded = SszTestStructs.BITS_STRUCT.encode(bits);
    final byte[] complexEncoded = SszTestStructs.COMPLEX_TEST_STRUCT.encode(complex);
    SszMutations.checkDecodeContract(
        SszTestStructs.BITS_STRUCT,
        SszMutations.truncated(bitsEncoded, Math.floorMod(cut, bitsEncoded.length)));
    SszMutations.checkDecodeContract(
        SszTestStructs.COMPLEX_TEST_STRUCT,
        SszMutations.truncated(complexEncoded, Math.floorMod(cut, complexEncoded.length)));
    SszMutations.checkDecodeContract(
        SszTestStructs.BITS_STRUCT, SszMutations.withTrailingByte(bitsEncoded, extra));
    SszMutations.checkDecodeContract(
        SszTestStructs.COMPLEX_TEST_STRUCT, SszMutations.withTrailingByte(complexEncoded, extra));
  }

  @Property(tries = 100)
  void listRootsDependOnContentAndLength(@ForAll("uint16s") final List<Long> values) {
    final SszListSchema<Long> schema = new SszListSchema<>(SszUintSchema.UINT16, 1024);
    final List<Long> appended = Stream.concat(values.stream(), Stream.of(0L)).toList();
    // A trailing zero packs into the same chunks; only the mixed-in length tells them apart.
    assertThat(schema.hashTreeRoot(appended)).isNotEqualTo(schema.hashTreeRoot(values));
    assertThat(schema.hashTreeRoot(List.copyOf(values))).isEqualTo(schema.hashTreeRoot(values));
  }

  @Provide
  Arbitrary<List<Long>> uint16s() {
    return uint(16).list().ofMaxSize(100);
  }

  @Provide
  Arbitrary<ComplexTestStruct> complex() {
    return Combinators.combine(
            uint(16),
            uint(16).list().ofMaxSize(128),
            uint(8),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(256).map(ImmutableBytes::of),
            varStruct(),
            fixedStruct().list().ofSize(4),
            varStruct().list().ofSize(2))
        .as(ComplexTestStruct::new);
  }

  @Provide
  Arbitrary<BitsStruct> bits() {
    return Combinators.combine(
            bitfield(0, 5), bitfield(2, 2), bitfield(1, 1), bitfield(0, 6), bitfield(8, 8))
        .as(BitsStruct::new);
  }

  private static Arbitrary<VarTestStruct> varStruct() {
    return Combinators.combine(uint(16), uint(16).list().ofMaxSize(40), uint(8))
        .as(VarTestStruct::new);
  }

  private static Arbitrary<FixedTestStruct> fixedStruct() {
    return Combinators.combine(uint(8), Arbitraries.longs(), uint(32)).as(FixedTestStruct::new);
  }

  private static Arbitrary<Long> uint(final int bits) {
    return Arbitraries.longs().between(0, (1L << bits) - 1);
  }

  private static Arbitrary<Bitfield> bitfield(final int minSize, final int maxSize) {
    return Arbitraries.of(true, false)
        .list()
        .ofMinSize(minSize)
        .ofMaxSize(maxSize)
        .map(
            list -> {
              final boolean[] bits = new boolean[list.size()];
              for (int i = 0; i < bits.length; i++) {
                bits[i] = list.get(i);
              }
              return Bitfield.of(bits);
            });
  }
}
