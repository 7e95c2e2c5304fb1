package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated wire bytes into the req/resp decoders: they either decode to at most the
 * type's maximum or raise {@link P2pProtocolException}, nothing else; and the SSZ step after them
 * raises only a {@link DecodeException}.
 */
class ReqRespCodecPropertyTest {

  @Property(tries = 1000)
  void randomRequestBytes(@ForAll @Size(max = 200) final byte[] wire) {
    decodeRequestAndSsz(wire);
  }

  @Property(tries = 1000)
  void randomResponseBytes(@ForAll @Size(max = 200) final byte[] wire) {
    decodeResponseAndSsz(wire);
  }

  @Property(tries = 1000)
  void mutatedValidResponses(
      @ForAll("validStatusResponse") final byte[] valid,
      @ForAll @IntRange(min = 0, max = 199) final int position,
      @ForAll final byte replacement,
      @ForAll @IntRange(min = 0, max = 200) final int cut) {
    final byte[] wire = Arrays.copyOf(valid, Math.min(valid.length, cut + 1));
    wire[position % wire.length] = replacement;
    decodeResponseAndSsz(wire);
  }

  @Property(tries = 300)
  void encodeThenDecodeIsIdentity(@ForAll @Size(max = 300) final byte[] ssz) {
    assertThat(ReqRespCodec.decodeRequest(ReqRespCodec.encodeRequest(ssz), 300)).isEqualTo(ssz);
    final ResponseChunk chunk =
        ReqRespCodec.decodeResponse(ReqRespCodec.encodeResponse(0, ssz), 300);
    assertThat(chunk.payload()).isEqualTo(ssz);
  }

  @Provide
  Arbitrary<byte[]> validStatusResponse() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(84)
        .map(ssz -> ReqRespCodec.encodeResponse(0, ssz));
  }

  private static void decodeRequestAndSsz(final byte[] wire) {
    try {
      final byte[] ssz = ReqRespCodec.decodeRequest(wire, 84);
      assertThat(ssz.length).isLessThanOrEqualTo(84);
      ReqRespSchemas.STATUS.decode(ssz);
    } catch (final P2pProtocolException expected) {
      // the documented failure
    } catch (final DecodeException sszError) {
      assertThat(sszError.getClass().getSimpleName()).isEqualTo("SszDecodeException");
    }
  }

  private static void decodeResponseAndSsz(final byte[] wire) {
    try {
      final ResponseChunk chunk = ReqRespCodec.decodeResponse(wire, 84);
      assertThat(chunk.payload().length).isLessThanOrEqualTo(chunk.isSuccess() ? 84 : 256);
      if (chunk.isSuccess()) {
        ReqRespSchemas.STATUS.decode(chunk.payload());
      } else {
        assertThat(chunk.errorMessage()).isNotNull();
      }
    } catch (final P2pProtocolException expected) {
      // the documented failure
    } catch (final DecodeException sszError) {
      assertThat(sszError.getClass().getSimpleName()).isEqualTo("SszDecodeException");
    }
  }
}
