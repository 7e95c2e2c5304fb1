package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict decoding of the progressive types: the same offset rules as their bounded twins. */
class ProgressiveDecodingTest {

  private static final SszProgressiveListSchema<ImmutableBytes> LIST_OF_BYTE_LISTS =
      new SszProgressiveListSchema<>(SszProgressiveByteListSchema.INSTANCE);

  @Test
  void rejectsAFirstOffsetThatIsNotATableSize() {
    assertThatThrownBy(() -> LIST_OF_BYTE_LISTS.decode(new byte[] {3, 0, 0, 0, 1, 2}))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("first offset 3");
  }

  @Test
  void rejectsDecreasingAndOverlongOffsets() {
    final byte[] decreasing = {8, 0, 0, 0, 7, 0, 0, 0, 1};
    final byte[] pastEnd = {8, 0, 0, 0, 10, 0, 0, 0, 1};

    assertThatThrownBy(() -> LIST_OF_BYTE_LISTS.decode(decreasing))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("before the previous offset");
    assertThatThrownBy(() -> LIST_OF_BYTE_LISTS.decode(pastEnd))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("past the end");
  }

  @Test
  void rejectsBasicListsOfRaggedLength() {
    assertThatThrownBy(
            () -> new SszProgressiveListSchema<>(SszUintSchema.UINT64).decode(new byte[12]))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("not a multiple");
  }

  @Test
  void emptyInputIsTheEmptyList() {
    assertThat(LIST_OF_BYTE_LISTS.decode(new byte[0])).isEqualTo(List.of());
    assertThat(SszProgressiveByteListSchema.INSTANCE.decode(new byte[0]))
        .isEqualTo(ImmutableBytes.EMPTY);
  }

  @Test
  void progressiveBitlistNeedsItsDelimiter() {
    assertThatThrownBy(() -> SszProgressiveBitlistSchema.INSTANCE.decode(new byte[] {0x05, 0x00}))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("no delimiter");
  }
}
