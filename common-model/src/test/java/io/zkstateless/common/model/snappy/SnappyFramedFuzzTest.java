package io.zkstateless.common.model.snappy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Hostile req/resp streams fed to the incremental framed decoder in two pieces.
 *
 * <p>Input layout, so seeds can be written by hand: bytes 0-2 are the declared length (17 bits,
 * little-endian), byte 3 is where the stream is split, the rest is the framed stream.
 */
class SnappyFramedFuzzTest {

  private static final int MAX = 1 << 17;
  private static final int PREFIX = 4;

  @FuzzTest(maxDuration = "30s")
  void decodeFramed(final byte[] input) {
    if (input.length < PREFIX) {
      return;
    }
    final int expected = (input[0] & 0xff) | (input[1] & 0xff) << 8 | (input[2] & 0x01) << 16;
    final int framedLength = input.length - PREFIX;
    final int split = Math.min(input[3] & 0xff, framedLength);
    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(expected, MAX);
    final byte[] payload;
    try {
      final int first = decoder.feed(input, PREFIX, split);
      final int second =
          first < split ? 0 : decoder.feed(input, PREFIX + split, framedLength - split);
      decoder.finish();
      payload = decoder.result();
      if (first + second > framedLength) {
        throw new AssertionError("consumed more than it was given");
      }
    } catch (final SnappyDecodeException rejected) {
      return;
    }
    if (payload.length != expected) {
      throw new AssertionError("decoded " + payload.length + " bytes, declared " + expected);
    }
    final byte[] again = SnappyFramed.decompress(SnappyFramed.compress(payload), expected, MAX);
    if (!Arrays.equals(again, payload)) {
      throw new AssertionError("accepted payload does not round-trip");
    }
  }
}
