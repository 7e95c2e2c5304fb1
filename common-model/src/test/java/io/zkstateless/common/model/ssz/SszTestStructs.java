package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;

/**
 * The consensus-spec-tests ssz_generic container types (generator {@code ssz_container.py}),
 * declared with our schema builder, as the test of how few lines a container takes.
 */
final class SszTestStructs {

  private SszTestStructs() {}

  record FixedTestStruct(long a, long b, long c) {}

  record VarTestStruct(long a, List<Long> b, long c) {}

  record ComplexTestStruct(
      long a,
      List<Long> b,
      long c,
      ImmutableBytes d,
      VarTestStruct e,
      List<FixedTestStruct> f,
      List<VarTestStruct> g) {}

  record BitsStruct(Bitfield a, Bitfield b, Bitfield c, Bitfield d, Bitfield e) {}

  // FixedTestStruct { A: uint8, B: uint64, C: uint32 }
  static final SszField<FixedTestStruct, Long> FIXED_A =
      SszField.of("A", SszUintSchema.UINT8, FixedTestStruct::a);
  static final SszField<FixedTestStruct, Long> FIXED_B =
      SszField.of("B", SszUintSchema.UINT64, FixedTestStruct::b);
  static final SszField<FixedTestStruct, Long> FIXED_C =
      SszField.of("C", SszUintSchema.UINT32, FixedTestStruct::c);
  static final SszContainerSchema<FixedTestStruct> FIXED_TEST_STRUCT =
      SszContainerSchema.of(
          "FixedTestStruct",
          List.of(FIXED_A, FIXED_B, FIXED_C),
          v -> new FixedTestStruct(v.get(FIXED_A), v.get(FIXED_B), v.get(FIXED_C)));

  // VarTestStruct { A: uint16, B: List[uint16, 1024], C: uint8 }
  static final SszField<VarTestStruct, Long> VAR_A =
      SszField.of("A", SszUintSchema.UINT16, VarTestStruct::a);
  static final SszField<VarTestStruct, List<Long>> VAR_B =
      SszField.of("B", new SszListSchema<>(SszUintSchema.UINT16, 1024), VarTestStruct::b);
  static final SszField<VarTestStruct, Long> VAR_C =
      SszField.of("C", SszUintSchema.UINT8, VarTestStruct::c);
  static final SszContainerSchema<VarTestStruct> VAR_TEST_STRUCT =
      SszContainerSchema.of(
          "VarTestStruct",
          List.of(VAR_A, VAR_B, VAR_C),
          v -> new VarTestStruct(v.get(VAR_A), v.get(VAR_B), v.get(VAR_C)));

  // ComplexTestStruct { A: uint16, B: List[uint16, 128], C: uint8, D: ByteList[256],
  //   E: VarTestStruct, F: Vector[FixedTestStruct, 4], G: Vector[VarTestStruct, 2] }
  static final SszField<ComplexTestStruct, Long> COMPLEX_A =
      SszField.of("A", SszUintSchema.UINT16, ComplexTestStruct::a);
  static final SszField<ComplexTestStruct, List<Long>> COMPLEX_B =
      SszField.of("B", new SszListSchema<>(SszUintSchema.UINT16, 128), ComplexTestStruct::b);
  static final SszField<ComplexTestStruct, Long> COMPLEX_C =
      SszField.of("C", SszUintSchema.UINT8, ComplexTestStruct::c);
  static final SszField<ComplexTestStruct, ImmutableBytes> COMPLEX_D =
      SszField.of("D", new SszByteListSchema(256), ComplexTestStruct::d);
  static final SszField<ComplexTestStruct, VarTestStruct> COMPLEX_E =
      SszField.of("E", VAR_TEST_STRUCT, ComplexTestStruct::e);
  static final SszField<ComplexTestStruct, List<FixedTestStruct>> COMPLEX_F =
      SszField.of("F", new SszVectorSchema<>(FIXED_TEST_STRUCT, 4), ComplexTestStruct::f);
  static final SszField<ComplexTestStruct, List<VarTestStruct>> COMPLEX_G =
      SszField.of("G", new SszVectorSchema<>(VAR_TEST_STRUCT, 2), ComplexTestStruct::g);
  static final SszContainerSchema<ComplexTestStruct> COMPLEX_TEST_STRUCT =
      SszContainerSchema.of(
          "ComplexTestStruct",
          List.of(COMPLEX_A, COMPLEX_B, COMPLEX_C, COMPLEX_D, COMPLEX_E, COMPLEX_F, COMPLEX_G),
          v ->
              new ComplexTestStruct(
                  v.get(COMPLEX_A),
                  v.get(COMPLEX_B),
                  v.get(COMPLEX_C),
                  v.get(COMPLEX_D),
                  v.get(COMPLEX_E),
                  v.get(COMPLEX_F),
                  v.get(COMPLEX_G)));

  // BitsStruct { A: Bitlist[5], B: Bitvector[2], C: Bitvector[1], D: Bitlist[6], E: Bitvector[8] }
  static final SszField<BitsStruct, Bitfield> BITS_A =
      SszField.of("A", new SszBitlistSchema(5), BitsStruct::a);
  static final SszField<BitsStruct, Bitfield> BITS_B =
      SszField.of("B", new SszBitvectorSchema(2), BitsStruct::b);
  static final SszField<BitsStruct, Bitfield> BITS_C =
      SszField.of("C", new SszBitvectorSchema(1), BitsStruct::c);
  static final SszField<BitsStruct, Bitfield> BITS_D =
      SszField.of("D", new SszBitlistSchema(6), BitsStruct::d);
  static final SszField<BitsStruct, Bitfield> BITS_E =
      SszField.of("E", new SszBitvectorSchema(8), BitsStruct::e);
  static final SszContainerSchema<BitsStruct> BITS_STRUCT =
      SszContainerSchema.of(
          "BitsStruct",
          List.of(BITS_A, BITS_B, BITS_C, BITS_D, BITS_E),
          v ->
              new BitsStruct(
                  v.get(BITS_A), v.get(BITS_B), v.get(BITS_C), v.get(BITS_D), v.get(BITS_E)));
}
