package io.zkstateless.common.model.electra;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.ssz.SszDecodeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Untrusted request bodies (zkboost's input) only ever raise the documented decode exception. */
class ElectraDecodePropertyTest {

  private static final byte[] VALID =
      ElectraSchemas.MAINNET.encode(ElectraRequestSamples.withBlobsAndRequests());

  @Property(tries = 500)
  void randomBytesRaiseOnlySszDecodeException(@ForAll @Size(max = 2048) final byte[] bytes) {
    try {
      ElectraSchemas.MAINNET.decode(bytes);
    } catch (final DecodeException e) {
      assertThat(e).isInstanceOf(SszDecodeException.class);
    }
  }

  @Property(tries = 500)
  void flippedBytesOfAValidRequestDecodeOrRaiseSszDecodeException(
      @ForAll @IntRange(min = 0, max = 4095) final int position,
      @ForAll @IntRange(min = 1, max = 255) final int flip) {
    final byte[] mutated = VALID.clone();
    mutated[position % mutated.length] ^= (byte) flip;
    try {
      final ElectraNewPayloadRequest decoded = ElectraSchemas.MAINNET.decode(mutated);
      assertThat(ElectraSchemas.MAINNET.encode(decoded)).isEqualTo(mutated);
    } catch (final DecodeException e) {
      assertThat(e).isInstanceOf(SszDecodeException.class);
    }
  }
}
