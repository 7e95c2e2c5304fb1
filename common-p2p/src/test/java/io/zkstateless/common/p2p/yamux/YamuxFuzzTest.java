package io.zkstateless.common.p2p.yamux;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.mux.StreamNegotiation;
import java.util.List;

/**
 * yamux frames into a listener's session whose streams negotiate {@code /x} and then take data:
 * every frame is bounded by the window we granted (256 KiB), so however large a declared length the
 * session never allocates more than that plus what arrived. Input: two split bytes, then frames.
 */
class YamuxFuzzTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final long BUDGET = 1024 * 1024;

  @FuzzTest(maxDuration = "5s")
  void session(final byte[] input) {
    WireFuzzing.feed(
        YamuxFuzzTest::pipeline, WireFuzzing.chunks(input), BUDGET + 16L * input.length);
  }

  private static WireFuzzing.Pipeline pipeline() {
    final WireFuzzing.Pipeline pipeline = WireFuzzing.Pipeline.empty();
    new YamuxSession(
            false,
            PEER,
            stream ->
                StreamNegotiation.start(
                    stream,
                    MultistreamNegotiator.listener(List.of("/x")),
                    (s, p) -> (st, d) -> {},
                    e -> {}))
        .install(pipeline.channel().pipeline(), "head");
    return pipeline.closeOnError();
  }
}
