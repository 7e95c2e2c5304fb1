package io.zkstateless.prover.witness;

/**
 * Upper bounds applied while a witness streams in, checked before anything is allocated for an
 * entry. The defaults follow execution-specs {@code stateless_ssz.py} for counts and per-entry
 * sizes ({@code MAX_WITNESS_NODES = 2**22}, {@code MAX_WITNESS_CODES = 2**18}, {@code
 * MAX_WITNESS_HEADERS = 256}, {@code MAX_BYTES_PER_CODE = 2**16}, {@code MAX_BYTES_PER_WITNESS_NODE
 * = 2**10}); the total is the operator's memory budget for one witness.
 *
 * @param maxTotalBytes decoded bytes over all four lists
 * @param maxStateNodes entries in {@code state}
 * @param maxCodes entries in {@code codes}
 * @param maxKeys entries in {@code keys}
 * @param maxHeaders entries in {@code headers}
 * @param maxNodeBytes decoded size of one state node
 * @param maxCodeBytes decoded size of one bytecode
 * @param maxHeaderBytes decoded size of one RLP header
 */
public record WitnessLimits(
    long maxTotalBytes,
    int maxStateNodes,
    int maxCodes,
    int maxKeys,
    int maxHeaders,
    int maxNodeBytes,
    int maxCodeBytes,
    int maxHeaderBytes) {

  /** Largest total the compact storage can address (int offsets over fixed-size chunks). */
  public static final long MAX_SUPPORTED_TOTAL_BYTES = 1L << 30;

  public static final WitnessLimits DEFAULT =
      new WitnessLimits(512L << 20, 1 << 22, 1 << 18, 1 << 22, 256, 1 << 10, 1 << 16, 1 << 13);

  public WitnessLimits {
    if (maxTotalBytes < 1 || maxTotalBytes > MAX_SUPPORTED_TOTAL_BYTES) {
      throw new IllegalArgumentException(
          "maxTotalBytes must be in [1, " + MAX_SUPPORTED_TOTAL_BYTES + "], got " + maxTotalBytes);
    }
    requireInRange("maxStateNodes", maxStateNodes, Integer.MAX_VALUE);
    requireInRange("maxCodes", maxCodes, Integer.MAX_VALUE);
    requireInRange("maxKeys", maxKeys, Integer.MAX_VALUE);
    requireInRange("maxHeaders", maxHeaders, Integer.MAX_VALUE);
    requireInRange("maxNodeBytes", maxNodeBytes, WitnessEntries.MAX_ENTRY_BYTES);
    requireInRange("maxCodeBytes", maxCodeBytes, WitnessEntries.MAX_ENTRY_BYTES);
    requireInRange("maxHeaderBytes", maxHeaderBytes, WitnessEntries.MAX_ENTRY_BYTES);
  }

  /** Longest JSON string the parser may buffer: the largest entry as {@code 0x}-hex. */
  public int maxJsonStringChars() {
    return 2 * Math.max(maxNodeBytes, Math.max(maxCodeBytes, maxHeaderBytes)) + 2;
  }

  /**
   * Longest response body accepted: every byte as two hex digits plus generous room for quotes,
   * commas, the envelope and geth's JSON header objects.
   */
  public long maxResponseChars() {
    return 2 * maxTotalBytes + (64L << 20);
  }

  private static void requireInRange(final String name, final int value, final int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + " must be in [1, " + max + "], got " + value);
    }
  }
}
