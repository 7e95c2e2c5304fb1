package io.zkstateless.common.test.el;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Witness results generated while they are written, for size and memory tests: nothing of the
 * witness is held in memory and nothing is written to disk. The bytes are random, not real trie
 * nodes; only the JSON shape is realistic.
 */
public final class SyntheticWitness {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int POOL_BYTES = 1 << 20;

  private SyntheticWitness() {}

  /**
   * About {@code jsonBytes} of witness JSON: {@code state} holds random nodes of {@code nodeBytes}
   * bytes each, plus one code, one key and one header.
   */
  public static FixtureBlock.ResultWriter ofSize(final long jsonBytes, final int nodeBytes) {
    return out -> {
      final byte[] pool = hexPool(new SplittableRandom(jsonBytes));
      final long nodes = Math.max(1, jsonBytes / (2L * nodeBytes + 5));
      final SplittableRandom random = new SplittableRandom(nodeBytes);
      out.write(ascii("{\"state\":["));
      for (long i = 0; i < nodes; i++) {
        out.write(ascii(i == 0 ? "\"0x" : ",\"0x"));
        out.write(pool, random.nextInt(POOL_BYTES - 2 * nodeBytes) & ~1, 2 * nodeBytes);
        out.write('"');
      }
      out.write(
          ascii(
              "],\"codes\":[\"0x6000\"],\"keys\":[\"0x"
                  + "ab".repeat(20)
                  + "\"],\"headers\":[\"0xc0\"]}"));
    };
  }

  /** One {@code state} string of {@code hexDigits} digits: a single absurdly large node. */
  public static FixtureBlock.ResultWriter singleNode(final long hexDigits) {
    return out -> {
      final byte[] pool = hexPool(new SplittableRandom(hexDigits));
      out.write(ascii("{\"state\":[\"0x"));
      for (long written = 0; written < hexDigits; written += POOL_BYTES) {
        out.write(pool, 0, (int) Math.min(POOL_BYTES, hexDigits - written));
      }
      out.write(ascii("\"],\"codes\":[],\"headers\":[\"0xc0\"]}"));
    };
  }

  private static byte[] hexPool(final SplittableRandom random) {
    final byte[] pool = new byte[POOL_BYTES];
    for (int i = 0; i < POOL_BYTES; i++) {
      pool[i] = HEX[random.nextInt(16)];
    }
    return pool;
  }

  private static byte[] ascii(final String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
