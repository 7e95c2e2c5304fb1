package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * What is sent to ere for one block, and what the proof must then commit to.
 *
 * @param stdin the guest stdin: ere's little-endian u32 length prefix, then the stateless input
 *     bytes of the configured schema revision
 * @param newPayloadRequestRoot {@code hash_tree_root} of the request inside the input
 * @param chainId the chain id inside the input
 */
public record GuestInput(byte[] stdin, Bytes32 newPayloadRequestRoot, long chainId) {

  /** Length of ere's stdin prefix ({@code Input::with_prefixed_stdin}). */
  public static final int PREFIX_SIZE = Integer.BYTES;

  /**
   * Frames {@code input} as ere's {@code Input::with_prefixed_stdin} does: its length as a
   * little-endian u32, then the bytes ({@code Platform::read_whole_input} on the guest side reads
   * the prefix to size its buffer). The array is allocated once at its final size.
   */
  public static byte[] prefixed(final byte[] input) {
    final byte[] out = new byte[PREFIX_SIZE + input.length];
    final int length = input.length;
    out[0] = (byte) length;
    out[1] = (byte) (length >>> 8);
    out[2] = (byte) (length >>> 16);
    out[3] = (byte) (length >>> 24);
    System.arraycopy(input, 0, out, PREFIX_SIZE, length);
    return out;
  }
}
