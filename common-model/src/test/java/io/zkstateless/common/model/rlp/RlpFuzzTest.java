package io.zkstateless.common.model.rlp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Hostile RLP: only {@link RlpDecodeException} may escape, and because only canonical input is
 * accepted, anything accepted must re-encode to exactly the input.
 */
class RlpFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeItem(final byte[] input) {
    final RlpItem item;
    try {
      item = RlpItem.decode(input);
    } catch (final RlpDecodeException rejected) {
      return;
    }
    if (!Arrays.equals(item.encode(), input)) {
      throw new AssertionError("accepted input is not canonical");
    }
  }
}
