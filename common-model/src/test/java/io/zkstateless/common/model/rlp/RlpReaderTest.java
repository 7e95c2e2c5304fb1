package io.zkstateless.common.model.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RlpReaderTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // The examples of the Ethereum wiki RLP page and ethereum/tests RLPTests/rlptest.json.
    "dog, 83646f67",
    "empty string, 80",
    "byte 0x00, 00",
    "byte 0x0f, 0f",
    "bytes 0x0400, 820400",
    "cat dog list, c88363617483646f67",
    "empty list, c0",
    "set-theoretic three, c7c0c1c0c3c0c1c0",
    "56-byte string, b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465"
        + "747572206164697069736963696e6720656c6974",
  })
  void decodesAndReEncodesPublishedExamples(final String name, final String hex) {
    final byte[] encoded = Hex.decode(hex);
    assertThat(RlpItem.decode(encoded).encode()).isEqualTo(encoded);
  }

  @Test
  void switchesToTheLongFormAtExactly56Bytes() {
    assertThat(RlpWriter.encodeBytes(new byte[55])[0] & 0xff).isEqualTo(0xb7);
    assertThat(RlpWriter.encodeBytes(new byte[56])).startsWith(0xb8, 56);
    assertThat(RlpWriter.encodeBytes(new byte[256])).startsWith(0xb9, 0x01, 0x00);
    final byte[] list55 = RlpWriter.encodeList(Collections.nCopies(55, new byte[] {1}));
    final byte[] list56 = RlpWriter.encodeList(Collections.nCopies(56, new byte[] {1}));
    assertThat(list55[0] & 0xff).isEqualTo(0xf7);
    assertThat(list56).startsWith(0xf8, 56);
    for (final byte[] encoded :
        new byte[][] {list55, list56, RlpWriter.encodeBytes(new byte[56])}) {
      assertThat(RlpItem.decode(encoded).encode()).isEqualTo(encoded);
    }
  }

  @Test
  void readsTypedValues() {
    final byte[] encoded =
        RlpWriter.encodeList(
            RlpWriter.encodeLong(0),
            RlpWriter.encodeLong(1024),
            RlpWriter.encodeLong(Long.MAX_VALUE),
            RlpWriter.encodeBigInteger(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)),
            RlpWriter.encodeBytes(new byte[] {1, 2}));
    final RlpReader list = RlpReader.of(encoded).readList();
    assertThat(list.readLong()).isZero();
    assertThat(list.readLong()).isEqualTo(1024);
    assertThat(list.readLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(list.readBigInteger()).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    assertThat(list.isList()).isFalse();
    assertThat(list.readBytes()).containsExactly(1, 2);
    assertThat(list.hasNext()).isFalse();
    list.finish();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty input, '', expected an item",
    "single byte wrapped, 8100, single byte below 0x80 must not be wrapped",
    "single byte 0x7f wrapped, 817f, single byte below 0x80 must not be wrapped",
    "long string form for short length, b80141, long form used for length 1 < 56",
    "long list form for short length, f80180, long form used for length 1 < 56",
    "leading zero in length, b9003841, length has a leading zero byte",
    "truncated short string, 8361, string of 3 bytes exceeds the 1 remaining",
    "truncated list, c38080, list of 3 bytes exceeds the 2 remaining",
    "truncated length, b9, truncated length of 2 bytes",
    "8-byte length, bf0fffffffffffffff, length does not fit the input",
    "4-byte length beyond input, bb7fffffff, string of 2147483647 bytes exceeds the 0 remaining",
    "trailing byte, 8000, 1 unexpected trailing bytes",
    "two items at top level, c0c0, 1 unexpected trailing bytes",
    "list item running past its list, c18180, string of 1 bytes exceeds the 0 remaining",
  })
  void rejectsMalformedAndNonCanonicalInput(
      final String name, final String hex, final String problem) {
    assertThatThrownBy(() -> RlpItem.decode(Hex.decode(hex)))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "leading zero scalar, 820001, scalar has a leading zero byte",
    "zero as 0x00, 00, scalar has a leading zero byte",
    "nine-byte scalar, 89010000000000000000, scalar of 9 bytes, max 8",
    "above Long.MAX_VALUE, 888000000000000000, scalar exceeds Long.MAX_VALUE",
    "list as scalar, c0, expected a byte string",
  })
  void rejectsNonCanonicalScalars(final String name, final String hex, final String problem) {
    assertThatThrownBy(() -> RlpReader.of(Hex.decode(hex)).readLong())
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void boundsBigIntegersTo256Bits() {
    final byte[] tooWide = RlpWriter.encodeBigInteger(BigInteger.TWO.pow(256));
    assertThatThrownBy(() -> RlpReader.of(tooWide).readBigInteger())
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("scalar of 33 bytes, max 32");
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("820001")).readBigInteger())
        .hasMessageContaining("leading zero");
  }

  @Test
  void reportsOffsetsInTheOriginalInput() {
    assertThatThrownBy(() -> RlpItem.decode(Hex.decode("c4c281008100")))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("at offset 2:");
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("c3820102")).readList().readBytes32())
        .hasMessageContaining("at offset 1: expected 32 bytes, got 2");
  }

  @Test
  void limitsNestingDepth() {
    final int depth = RlpReader.MAX_DEPTH + 1;
    final byte[] nested = new byte[depth];
    for (int i = 0; i < depth; i++) {
      nested[i] = (byte) (0xc0 + depth - 1 - i);
    }
    assertThatThrownBy(() -> RlpItem.decode(nested))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("at offset " + RlpReader.MAX_DEPTH + ": lists nested deeper than 32");
    final byte[] allowed = Arrays.copyOfRange(nested, 1, depth);
    assertThat(RlpItem.decode(allowed).encode()).isEqualTo(allowed);
  }

  @Test
  void readsRawItemsWithTheirHeaders() {
    final byte[] encoded = Hex.decode("c88363617483646f67");
    final RlpReader list = RlpReader.of(encoded).readList();
    assertThat(list.position()).isEqualTo(1);
    assertThat(list.readRaw()).isEqualTo(Hex.decode("83636174"));
    list.skip();
    assertThat(list.remaining()).isZero();
  }
}
