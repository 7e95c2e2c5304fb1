package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.ssz.SszGenericVectors.Case;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the published ssz_generic valid cases, and the generator's invalid-case rules applied to
 * them (the published invalid encodings are binary; see {@code ssz_generic/SOURCES.md}).
 */
class SszGenericVectorTest {

  private static final List<Case<?>> CASES = SszGenericVectors.load();

  @Test
  void loadsEveryCopiedCase() {
    assertThat(CASES).hasSize(20);
  }

  @TestFactory
  Stream<DynamicTest> validCasesRoundTripAndGiveThePublishedRoot() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkValid(c)));
  }

  private static <T> void checkValid(final Case<T> c) {
    final byte[] encoded = c.schema().encode(c.value());
    if (c.serialized() != null) {
      assertThat(Hex.encode(encoded)).isEqualTo(Hex.encode(c.serialized()));
    }
    final T decoded = c.schema().decode(encoded);
    assertThat(decoded).isEqualTo(c.value());
    assertThat(c.schema().encode(decoded)).isEqualTo(encoded);
    assertThat(c.schema().hashTreeRoot(decoded)).isEqualTo(c.root());
    assertThat(encoded.length).isBetween((int) c.schema().minSize(), (int) c.schema().maxSize());
  }

  @TestFactory
  Stream<DynamicTest> containerOffsetMutationsAreRejected() {
    final List<DynamicTest> tests = new ArrayList<>();
    for (final Case<?> c : CASES) {
      if (!c.name().startsWith("containers/")) {
        continue;
      }
      final byte[] valid = encode(c);
      tests.add(rejects(c, "extra_byte", append(valid, new byte[] {(byte) 0xff})));
      for (final int at : offsetPositions(c.name())) {
        if (at + 4 > valid.length) {
          continue; // BitsStruct's third position is a Bitvector and the tail; too short here
        }
        tests.add(rejects(c, "offset_" + at + "_plus_one", modOffset(valid, at, +1)));
        tests.add(rejects(c, "offset_" + at + "_zeroed", zeroOffset(valid, at)));
      }
      if (offsetPositions(c.name()).length > 0) {
        final int first = offsetPositions(c.name())[0];
        tests.add(rejects(c, "offset_" + first + "_minus_one", modOffset(valid, first, -1)));
        tests.add(
            rejects(c, "last_offset_wrong_byte_length", append(valid, Arrays.copyOf(valid, 1))));
      }
      tests.add(rejects(c, "truncated", Arrays.copyOf(valid, valid.length - 1)));
    }
    return tests.stream();
  }

  @Test
  void bitlistsWithoutDelimiterAreRejected() {
    for (final byte[] bytes : List.of(new byte[0], new byte[] {0}, new byte[] {0, 0, 0})) {
      assertThatThrownBy(() -> new SszBitlistSchema(8).decode(bytes))
          .isInstanceOf(SszDecodeException.class)
          .hasMessageContaining("Bitlist[8]");
    }
  }

  @Test
  void bitlistsLongerThanTheirLimitAreRejected() {
    // ssz_bitlist.py invalid_cases: Bitlist[typ_limit] fed a full bitlist of test_limit bits.
    final int[][] limits = {
      {1, 2}, {1, 8}, {1, 9}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {8, 9}, {32, 64}, {32, 33}, {512, 513}
    };
    final Random random = new Random(1234);
    for (final int[] pair : limits) {
      final boolean[] bits = new boolean[pair[1]];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = random.nextBoolean();
      }
      final byte[] encoded = new SszBitlistSchema(pair[1]).encode(Bitfield.of(bits));
      assertThatThrownBy(() -> new SszBitlistSchema(pair[0]).decode(encoded))
          .isInstanceOf(SszDecodeException.class)
          .hasMessageContaining("exceeds");
    }
  }

  @Test
  void uintsOfTheWrongLengthAreRejected() {
    for (final SszSchema<?> schema :
        List.of(
            SszUintSchema.UINT8,
            SszUintSchema.UINT16,
            SszUintSchema.UINT32,
            SszUintSchema.UINT64,
            SszBigUintSchema.UINT128,
            SszBigUintSchema.UINT256)) {
      final int size = schema.fixedSize();
      for (final int length : new int[] {0, size - 1, size + 1}) {
        assertThatThrownBy(() -> schema.decode(new byte[length]))
            .isInstanceOf(SszDecodeException.class)
            .hasMessageContaining("needs exactly " + size);
      }
    }
  }

  @Test
  void booleansOtherThanZeroAndOneAreRejected() {
    for (final int b : new int[] {0x02, 0x10, 0x80, 0xff}) {
      assertThatThrownBy(() -> SszBooleanSchema.BOOLEAN.decode(new byte[] {(byte) b}))
          .isInstanceOf(SszDecodeException.class)
          .hasMessageContaining("0x00 or 0x01");
    }
    assertThat(SszBooleanSchema.BOOLEAN.decode(new byte[] {1})).isTrue();
  }

  @Test
  void bitvectorsOfTheWrongLengthOrWithPaddingBitsAreRejected() {
    assertThatThrownBy(() -> new SszBitvectorSchema(9).decode(new byte[] {0, 2}))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("beyond bit 9");
    assertThatThrownBy(() -> new SszBitvectorSchema(8).decode(new byte[2]))
        .isInstanceOf(SszDecodeException.class);
    assertThatThrownBy(() -> new SszBitvectorSchema(16).decode(new byte[1]))
        .isInstanceOf(SszDecodeException.class);
  }

  @Test
  void basicVectorsOfTheWrongLengthAreRejected() {
    final SszVectorSchema<Long> schema = new SszVectorSchema<>(SszUintSchema.UINT16, 5);
    for (final int length : new int[] {0, 8, 9, 11, 12}) {
      assertThatThrownBy(() -> schema.decode(new byte[length]))
          .isInstanceOf(SszDecodeException.class);
    }
  }

  /** Offset positions from ssz_container.py PRESET_CONTAINERS. */
  private static int[] offsetPositions(final String name) {
    final String type = name.substring("containers/".length()).split("_")[0];
    return switch (type) {
      case "VarTestStruct" -> new int[] {2};
      case "ComplexTestStruct" -> new int[] {2, 2 + 4 + 1, 2 + 4 + 1 + 4};
      case "BitsStruct" -> new int[] {0, 4 + 1 + 1, 4 + 1 + 1 + 4};
      default -> new int[0];
    };
  }

  private static <T> byte[] encode(final Case<T> c) {
    return c.schema().encode(c.value());
  }

  private static DynamicTest rejects(final Case<?> c, final String rule, final byte[] bytes) {
    return DynamicTest.dynamicTest(
        c.name() + " " + rule,
        () ->
            assertThatThrownBy(() -> c.schema().decode(bytes))
                .isInstanceOf(SszDecodeException.class));
  }

  private static byte[] append(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] modOffset(final byte[] bytes, final int at, final int delta) {
    final byte[] out = bytes.clone();
    long value = 0;
    for (int i = 3; i >= 0; i--) {
      value = (value << 8) | (out[at + i] & 0xff);
    }
    value = (value + delta) & 0xffffffffL;
    for (int i = 0; i < 4; i++) {
      out[at + i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  private static byte[] zeroOffset(final byte[] bytes, final int at) {
    final byte[] out = bytes.clone();
    Arrays.fill(out, at, at + 4, (byte) 0);
    return out;
  }
}
