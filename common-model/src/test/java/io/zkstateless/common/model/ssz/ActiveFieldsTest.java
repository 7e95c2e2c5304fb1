package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveFieldsTest {

  @Test
  void packsBitsLittleEndianWithinBytes() {
    final ActiveFields fields = ActiveFields.of(1, 0, 1, 0, 0, 0, 0, 0, 0, 1);

    assertThat(fields.packed())
        .isEqualTo(
            Bytes32.fromHex("0502000000000000000000000000000000000000000000000000000000000000"));
    assertThat(fields.activeCount()).isEqualTo(3);
    assertThat(fields.size()).isEqualTo(10);
  }

  @Test
  void rejectsIllegalConfigurations() {
    assertThatThrownBy(ActiveFields::of).hasMessageContaining("empty");
    assertThatThrownBy(() -> ActiveFields.of(1, 0)).hasMessageContaining("end in 1");
    assertThatThrownBy(() -> ActiveFields.of(1, 2)).hasMessageContaining("entry 1");
    assertThatThrownBy(() -> ActiveFields.allActive(257)).hasMessageContaining("at most 256");
  }

  @Test
  void containerNeedsOneFieldPerActiveEntry() {
    final SszField<Long, Long> only = SszField.of("only", SszUintSchema.UINT64, v -> v);

    assertThatThrownBy(
            () ->
                SszProgressiveContainerSchema.of(
                    "Bad", ActiveFields.of(1, 1), List.of(only), v -> v.get(only)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declares 1 fields");
  }
}
