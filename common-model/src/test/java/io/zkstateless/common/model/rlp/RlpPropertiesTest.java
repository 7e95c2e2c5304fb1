package io.zkstateless.common.model.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;

class RlpPropertiesTest {

  @Property(tries = 500)
  void itemsRoundTrip(@ForAll("items") final RlpItem item) {
    final byte[] encoded = item.encode();
    assertThat(RlpItem.decode(encoded)).isEqualTo(item);
    final RlpReader reader = RlpReader.of(encoded);
    assertThat(reader.readRaw()).isEqualTo(encoded);
    reader.finish();
  }

  @Property(tries = 500)
  void arbitraryBytesDecodeCanonicallyOrRaiseOnlyRlpDecodeException(
      @ForAll @Size(max = 64) final byte[] input) {
    try {
      assertThat(RlpItem.decode(input).encode()).isEqualTo(input);
    } catch (final RlpDecodeException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) input.length);
    }
  }

  @Property
  void longsRoundTrip(@ForAll final long value) {
    final long unsigned = value & Long.MAX_VALUE;
    assertThat(RlpReader.of(RlpWriter.encodeLong(unsigned)).readLong()).isEqualTo(unsigned);
  }

  @Property
  void uint256RoundTrip(@ForAll @Size(max = 32) final byte[] magnitude) {
    final BigInteger value = new BigInteger(1, magnitude);
    assertThat(RlpReader.of(RlpWriter.encodeBigInteger(value)).readBigInteger()).isEqualTo(value);
  }

  @Property
  void wrappedSingleBytesAreRejected(@ForAll @IntRange(max = 0x7f) final int value) {
    assertThatThrownBy(() -> RlpItem.decode(new byte[] {(byte) 0x81, (byte) value}))
        .isInstanceOf(RlpDecodeException.class);
  }

  @Property
  void longFormsForShortLengthsAreRejected(
      @ForAll @IntRange(min = 1, max = 55) final int length, @ForAll final boolean list) {
    final byte[] encoded = new byte[2 + length];
    encoded[0] = (byte) (list ? 0xf8 : 0xb8);
    encoded[1] = (byte) length;
    Arrays.fill(encoded, 2, encoded.length, (byte) 0x80);
    assertThatThrownBy(() -> RlpItem.decode(encoded))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("long form used for length");
  }

  @Property
  void lengthsWithLeadingZerosAreRejected(
      @ForAll @IntRange(min = 56, max = 300) final int length, @ForAll final boolean list) {
    final byte[] canonical =
        list
            ? RlpWriter.encodeList(Collections.nCopies(length, new byte[] {1}))
            : RlpWriter.encodeBytes(new byte[length]);
    final int lengthSize = (canonical[0] & 0xff) - (list ? 0xf7 : 0xb7);
    final byte[] padded = new byte[canonical.length + 1];
    padded[0] = (byte) (canonical[0] + 1);
    System.arraycopy(canonical, 1, padded, 2, canonical.length - 1);
    assertThat(lengthSize).isPositive();
    assertThatThrownBy(() -> RlpItem.decode(padded))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("length has a leading zero byte");
  }

  @Property
  void scalarsWithLeadingZerosAreRejected(@ForAll @Positive final long value) {
    final byte[] canonical = RlpWriter.encodeLong(value >>> 8);
    final byte[] magnitude = RlpReader.of(canonical).readBytes();
    final byte[] padded = new byte[magnitude.length + 1];
    System.arraycopy(magnitude, 0, padded, 1, magnitude.length);
    assertThatThrownBy(() -> RlpReader.of(RlpWriter.encodeBytes(padded)).readLong())
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("leading zero");
  }

  @Provide
  Arbitrary<RlpItem> items() {
    final Arbitrary<RlpItem> bytes =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(RlpBytes::of);
    return Arbitraries.recursive(
        () -> bytes,
        deeper ->
            Arbitraries.oneOf(
                bytes, deeper.list().ofMaxSize(6).map(items -> (RlpItem) new RlpList(items))),
        0,
        5);
  }
}
