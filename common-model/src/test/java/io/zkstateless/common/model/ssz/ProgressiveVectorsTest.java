package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published progressive vectors. Source: pk910/dynamic-ssz, {@code commonTestMatrix} of its {@code
 * dynssz_test} package (Apache-2.0), whose progressive cases say they match the Python reference
 * (remerkleable) output. Each case there wraps the value in a one-field container, whose root
 * equals the field's root and whose encoding is a 4-byte offset followed by the value; the offset
 * is stripped here. No consensus-spec-tests {@code ssz_generic} progressive vectors were available
 * in text form (the published ones are snappy-compressed binaries).
 */
class ProgressiveVectorsTest {

  @Test
  void progressiveListOfHundredUint16() {
    final SszProgressiveListSchema<Long> schema =
        new SszProgressiveListSchema<>(SszUintSchema.UINT16);
    final List<Long> values = new ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      values.add(i);
    }
    final StringBuilder expectedHex = new StringBuilder("0x");
    for (int i = 1; i <= 100; i++) {
      expectedHex.append(String.format("%02x00", i));
    }

    assertThat(Hex.encode(schema.encode(values))).isEqualTo(expectedHex.toString());
    assertThat(schema.hashTreeRoot(values))
        .isEqualTo(
            Bytes32.fromHex("afc3646489c444662626be91d6630ba5671cb302733bd50822544f8c6be96005"));
  }

  @Test
  void progressiveListOf128Uint32SpanningFourLevels() {
    final SszProgressiveListSchema<Long> schema =
        new SszProgressiveListSchema<>(SszUintSchema.UINT32);
    final List<Long> values = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      values.add(0L);
    }
    values.set(0, 123L);
    values.set(1, 654L);
    values.set(127, 222L);

    assertThat(schema.decode(schema.encode(values))).isEqualTo(values);
    assertThat(schema.hashTreeRoot(values))
        .isEqualTo(
            Bytes32.fromHex("cafb653b8b774afa1a755897c6afc68bb08af48b30a3c08ca5b72ddf79bdb20f"));
  }

  /** Four fields {@code uint64, uint32, boolean, uint16} at the given leaf positions. */
  private record Quad(long a, long b, boolean c, long d) {}

  private static SszProgressiveContainerSchema<Quad> quadSchema(final ActiveFields activeFields) {
    final SszField<Quad, Long> a = SszField.of("field0", SszUintSchema.UINT64, Quad::a);
    final SszField<Quad, Long> b = SszField.of("field1", SszUintSchema.UINT32, Quad::b);
    final SszField<Quad, Boolean> c = SszField.of("field2", SszBooleanSchema.BOOLEAN, Quad::c);
    final SszField<Quad, Long> d = SszField.of("field3", SszUintSchema.UINT16, Quad::d);
    return SszProgressiveContainerSchema.of(
        "Quad",
        activeFields,
        List.of(a, b, c, d),
        v -> new Quad(v.get(a), v.get(b), v.get(c), v.get(d)));
  }

  @Test
  void progressiveContainerWithDenseFields() {
    final SszProgressiveContainerSchema<Quad> schema = quadSchema(ActiveFields.allActive(4));
    final Quad value = new Quad(12345, 67890, true, 999);

    assertThat(Hex.encode(schema.encode(value))).isEqualTo("0x39300000000000003209010001e703");
    assertThat(schema.decode(schema.encode(value))).isEqualTo(value);
    assertThat(schema.hashTreeRoot(value))
        .isEqualTo(
            Bytes32.fromHex("0e4ca0d5f6b209257cdaa08a60240a3043fb0ab891fa32f5d483d569605bb4df"));
  }

  @Test
  void progressiveContainerOfZeroValues() {
    final SszProgressiveContainerSchema<Quad> schema = quadSchema(ActiveFields.allActive(4));

    assertThat(schema.hashTreeRoot(new Quad(0, 0, false, 0)))
        .isEqualTo(
            Bytes32.fromHex("7e3741b0db51cdff09176571314e17e2e216bf4264841eb3d6aa78c7c435658e"));
  }

  @Test
  void progressiveContainerWithGapsInActiveFields() {
    final SszProgressiveContainerSchema<Quad> schema =
        quadSchema(ActiveFields.of(1, 1, 0, 0, 1, 1));
    final Quad value = new Quad(12345, 67890, true, 999);

    assertThat(Hex.encode(schema.encode(value))).isEqualTo("0x39300000000000003209010001e703");
    assertThat(schema.hashTreeRoot(value))
        .isEqualTo(
            Bytes32.fromHex("a022dead859d4c67b19c5caa2cd26b1f004479465133ae8f2decd234f41df8f5"));
  }

  @Test
  void progressiveBitlistOfThousandBitsEveryThirdSet() {
    final boolean[] bits = new boolean[1000];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = i % 3 == 2;
    }
    final Bitfield value = Bitfield.of(bits);
    final SszProgressiveBitlistSchema schema = SszProgressiveBitlistSchema.INSTANCE;

    assertThat(Hex.encode(schema.encode(value))).isEqualTo("0x" + "244992".repeat(41) + "244901");
    assertThat(schema.decode(schema.encode(value))).isEqualTo(value);
    assertThat(schema.hashTreeRoot(value))
        .isEqualTo(
            Bytes32.fromHex("ba990efa7343179a41d01614759e0ab696a8869fade3f576a8abe6e9880eeaa3"));
  }
}
