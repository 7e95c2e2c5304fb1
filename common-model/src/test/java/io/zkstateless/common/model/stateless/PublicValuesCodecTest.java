package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.ssz.SszDecodeException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PublicValuesCodecTest {

  private static final StatelessValidationResult RESULT =
      new StatelessValidationResult(
          Bytes32.fromHex("5a823e8f0c0c022c16ec76d2c171163951bf16b904367ca53b9f395e6c14a290"),
          true,
          1);

  @Test
  void fortyThreeBytesAreRootFlagChainIdAndSchemaIdLittleEndian() {
    assertThat(Hex.encode(PublicValuesCodec.encode(RESULT)))
        .isEqualTo(
            "0x5a823e8f0c0c022c16ec76d2c171163951bf16b904367ca53b9f395e6c14a290"
                + "01"
                + "0100000000000000"
                + "0115");
  }

  @Test
  void paddedFormIsTheFortyThreeBytesThenZeros() {
    final byte[] padded = PublicValuesCodec.encodePadded(RESULT);

    assertThat(padded).hasSize(256);
    assertThat(Arrays.copyOf(padded, 43)).isEqualTo(PublicValuesCodec.encode(RESULT));
    assertThat(Arrays.copyOfRange(padded, 43, 256)).containsOnly(0);
    assertThat(PublicValuesCodec.decode(padded)).isEqualTo(RESULT);
  }

  @Property
  void allFormsRoundTrip(
      @ForAll final byte[] seed, @ForAll final boolean valid, @ForAll final long chainId) {
    final StatelessValidationResult result =
        new StatelessValidationResult(Bytes32.wrap(Arrays.copyOf(seed, 32)), valid, chainId);

    assertThat(PublicValuesCodec.decode(PublicValuesCodec.encodeWithoutSchemaId(result)))
        .isEqualTo(result);
    assertThat(PublicValuesCodec.decode(PublicValuesCodec.encode(result))).isEqualTo(result);
    assertThat(PublicValuesCodec.decode(PublicValuesCodec.encodePadded(result))).isEqualTo(result);
  }

  @Test
  void rejectsMalformedForms() {
    final byte[] badFlag = PublicValuesCodec.encode(RESULT);
    badFlag[32] = 2;
    final byte[] badSchema = PublicValuesCodec.encode(RESULT);
    badSchema[41] = 0;
    final byte[] dirtyPadding = PublicValuesCodec.encodePadded(RESULT);
    dirtyPadding[255] = 1;

    assertThatThrownBy(() -> PublicValuesCodec.decode(new byte[42]))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("41, 43 or 256");
    assertThatThrownBy(() -> PublicValuesCodec.decode(badFlag)).hasMessageContaining("0 or 1");
    assertThatThrownBy(() -> PublicValuesCodec.decode(badSchema)).hasMessageContaining("schema_id");
    assertThatThrownBy(() -> PublicValuesCodec.decode(dirtyPadding))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("padding");
  }
}
