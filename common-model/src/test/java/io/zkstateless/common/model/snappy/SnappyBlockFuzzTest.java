package io.zkstateless.common.model.snappy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Hostile gossip payloads: the block decoder may only accept or raise {@link
 * SnappyDecodeException}, and whatever it accepts must survive our own compress/decompress.
 */
class SnappyBlockFuzzTest {

  private static final int LIMIT = 1 << 20;

  @FuzzTest(maxDuration = "30s")
  void decompressBlock(final byte[] input) {
    final byte[] payload;
    try {
      payload = SnappyBlock.decompress(input, LIMIT);
    } catch (final SnappyDecodeException rejected) {
      return;
    }
    if (payload.length > LIMIT) {
      throw new AssertionError("produced " + payload.length + " bytes over the limit");
    }
    final byte[] again = SnappyBlock.decompress(SnappyBlock.compress(payload), LIMIT);
    if (!Arrays.equals(again, payload)) {
      throw new AssertionError("accepted payload does not round-trip");
    }
  }
}
