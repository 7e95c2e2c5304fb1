package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published progressive vectors. Source: pk910/dynamic-ssz, {@code commonTestMatrix} of its
 * {@code dynssz_test} package (Apache-2.0), whose progressive cases say they match the Python
 * reference (remerkleable) output. Each case there wraps the value in a one-field container, whose
 * root equals the field's root and whose encoding is a 4-byte offset followed by the value; the
 * offset is stripped here. No consensus-spec-tests {@code ssz_generic} progressive vectors were
 * available in text form (the published ones are snappy-compressed binaries).
 */
class ProgressiveVectorsTest {

  @Test
  void progressiveListOfHundredUint16() {
    final SszProgressiveListSchema<Long> schema = new SszProgressiveListSchema<>(SszUintSchema.UINT16);
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
        .isEqualTo(Bytes32.fromHex("afc3646489c444662626be91d6630ba5671cb302733bd50822544f8c6be96005"));
  }

  @Test
  void progressiveListOf128Uint32SpanningFourLevels() {
    final SszProgressiveListSchema<Long> schema = new SszProgressiveListSchema<>(SszUintSchema.UINT32);
    final List<Long> values = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      values.add(0L);
    }
    values.set(0, 123L);
    values.set(1, 654L);
    values.set(127, 222L);

    assertThat(schema.decode(schema.encode(values))).isEqualTo(values);
    assertThat(schema.hashTreeRoot(values))
        .isEqualTo(Bytes32.fromHex("cafb653b8b774afa1a755897c6afc68bb08af48b30a3c08ca5b72ddf79bdb20f"));
  }
}
