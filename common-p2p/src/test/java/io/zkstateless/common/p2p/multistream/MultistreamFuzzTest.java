package io.zkstateless.common.p2p.multistream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import java.util.List;

/**
 * multistream-select as the listener of a new connection (and of every stream): lines are at most 1
 * KiB, so no input makes it buffer or allocate more than a few lines' worth. Input: two split
 * bytes, then the bytes the peer sends (see {@link WireFuzzing#chunks}).
 */
class MultistreamFuzzTest {

  private static final long BUDGET = 256 * 1024;

  @FuzzTest(maxDuration = "5s")
  void listener(final byte[] input) {
    WireFuzzing.feed(
        MultistreamFuzzTest::pipeline, WireFuzzing.chunks(input), BUDGET + 16L * input.length);
  }

  private static WireFuzzing.Pipeline pipeline() {
    final WireFuzzing.Pipeline pipeline = WireFuzzing.Pipeline.empty();
    pipeline
        .channel()
        .pipeline()
        .addLast(
            new MultistreamHandler(
                MultistreamNegotiator.listener(List.of("/noise", "/yamux/1.0.0")),
                (ctx, protocol) -> {}));
    return pipeline.closeOnError();
  }
}
