package io.zkstateless.common.p2p.eth2.reqresp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import java.util.Arrays;
import java.util.List;

/**
 * Req/resp as the requester and the responder read it: a request ({@code uvarint ‖ framed snappy})
 * or a response chunk (result byte first), then the SSZ of the method's type. Only {@link
 * DecodeException}s escape, and nothing is allocated for a declared length above the type's
 * maximum. Input: byte 0 picks the method (bits 1-3) and request or response (bit 0), the rest is
 * what the peer wrote on the stream.
 */
class ReqRespFuzzTest {

  private static final List<ReqRespMethod<?, ?>> METHODS =
      List.of(
          ReqRespMethod.STATUS,
          ReqRespMethod.STATUS_V2,
          ReqRespMethod.PING,
          ReqRespMethod.METADATA,
          ReqRespMethod.METADATA_V3,
          ReqRespMethod.GOODBYE);
  private static final long BUDGET = 64 * 1024;

  @FuzzTest(maxDuration = "5s")
  void decode(final byte[] input) {
    if (input.length < 1) {
      return;
    }
    final ReqRespMethod<?, ?> method = METHODS.get(((input[0] & 0xff) >>> 1) % METHODS.size());
    final byte[] wire = Arrays.copyOfRange(input, 1, input.length);
    final boolean request = (input[0] & 1) == 0;
    final int max = request ? method.maxRequestSize() : method.maxChunkSize();
    final long budget = BUDGET + 4L * max + 16L * wire.length;
    if (request) {
      final byte[] ssz =
          WireFuzzing.decode(
              DecodeException.class,
              budget,
              () -> ReqRespCodec.decodeRequest(wire, method.maxRequestSize()));
      if (ssz != null && method.requestSchema().isPresent()) {
        WireFuzzing.decode(
            DecodeException.class, budget, () -> method.requestSchema().get().decode(ssz));
      }
      return;
    }
    final ResponseChunk chunk =
        WireFuzzing.decode(
            DecodeException.class,
            budget,
            () -> ReqRespCodec.decodeResponse(wire, method.maxResponseSize()));
    if (chunk == null) {
      return;
    }
    if (chunk.isSuccess()) {
      WireFuzzing.decode(
          DecodeException.class, budget, () -> method.responseSchema().decode(chunk.payload()));
    } else {
      chunk.errorMessage();
    }
  }
}
