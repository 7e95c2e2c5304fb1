package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.ssz.SszDecodeException;

/**
 * The byte forms of a committed {@link StatelessValidationResult}. All are the fixed-size SSZ
 * {@code (root: Bytes32, successful_validation: boolean, chain_id: uint64[, schema_id: uint16])}:
 *
 * <ul>
 *   <li>{@link #encodeWithoutSchemaId} — 41 bytes, {@code statelessOutputBytes} of the EEST zkevm
 *       v0.3.3 fixtures ({@code SszStatelessValidationResult{root, flag, chain_config{chain_id}}}).
 *   <li>{@link #encode} — 43 bytes with {@code schema_id} {@code 0x1501} as uint16 little-endian:
 *       ere-guests v0.17.0 commit this; SP1 public values must equal it exactly (execution-specs
 *       {@code SSZStatelessValidationResult}, spec-execution-proofs B.9).
 *   <li>{@link #encodePadded} — the 43 bytes zero-padded to 256: what OpenVM and ZisK guests of
 *       ere-guests v0.17.0 return.
 * </ul>
 *
 * <p>These forms hold the chain id only; encoding a result whose chain configuration has a fork
 * activation is refused with an {@link IllegalArgumentException}. A hash_tree_root of the result is
 * deliberately not offered: the guests commit the serialization.
 */
public final class PublicValuesCodec {

  /** Amsterdam protocol fork {@code 0x15}, schema revision {@code 0x01}. */
  public static final int STATELESS_INPUT_SCHEMA_ID = 0x1501;

  public static final int SIZE_WITHOUT_SCHEMA_ID = 41;
  public static final int SIZE = 43;
  public static final int PADDED_SIZE = 256;

  private static final String PATH = "StatelessValidationResult";
  private static final int FLAG_OFFSET = 32;
  private static final int CHAIN_ID_OFFSET = 33;
  private static final int SCHEMA_ID_OFFSET = 41;

  private PublicValuesCodec() {}

  public static byte[] encodeWithoutSchemaId(final StatelessValidationResult result) {
    final byte[] out = new byte[SIZE_WITHOUT_SCHEMA_ID];
    writeCommon(result, out);
    return out;
  }

  public static byte[] encode(final StatelessValidationResult result) {
    final byte[] out = new byte[SIZE];
    writeCommon(result, out);
    out[SCHEMA_ID_OFFSET] = (byte) STATELESS_INPUT_SCHEMA_ID;
    out[SCHEMA_ID_OFFSET + 1] = (byte) (STATELESS_INPUT_SCHEMA_ID >>> 8);
    return out;
  }

  public static byte[] encodePadded(final StatelessValidationResult result) {
    final byte[] out = new byte[PADDED_SIZE];
    System.arraycopy(encode(result), 0, out, 0, SIZE);
    return out;
  }

  /**
   * Decodes any of the three forms, told apart by length. The 43- and 256-byte forms must carry
   * schema id {@code 0x1501}, and the padding must be zero.
   *
   * @throws SszDecodeException on any other length, a flag other than 0/1, a foreign schema id or
   *     non-zero padding
   */
  public static StatelessValidationResult decode(final byte[] bytes) {
    if (bytes.length != SIZE_WITHOUT_SCHEMA_ID
        && bytes.length != SIZE
        && bytes.length != PADDED_SIZE) {
      throw new SszDecodeException(
          0, PATH, "public values must be 41, 43 or 256 bytes, got " + bytes.length);
    }
    final int flag = bytes[FLAG_OFFSET] & 0xff;
    if (flag > 1) {
      throw new SszDecodeException(
          FLAG_OFFSET, PATH, "successful_validation must be 0 or 1, got " + flag);
    }
    if (bytes.length >= SIZE) {
      final int schemaId =
          (bytes[SCHEMA_ID_OFFSET] & 0xff) | (bytes[SCHEMA_ID_OFFSET + 1] & 0xff) << 8;
      if (schemaId != STATELESS_INPUT_SCHEMA_ID) {
        throw new SszDecodeException(
            SCHEMA_ID_OFFSET,
            PATH,
            "schema_id must be 0x1501, got 0x" + Integer.toHexString(schemaId));
      }
      for (int i = SIZE; i < bytes.length; i++) {
        if (bytes[i] != 0) {
          throw new SszDecodeException(
              i, PATH, "padding after the 43 public-value bytes must be zero");
        }
      }
    }
    long chainId = 0;
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      chainId = chainId << 8 | (bytes[CHAIN_ID_OFFSET + i] & 0xff);
    }
    return new StatelessValidationResult(Bytes32.wrap(bytes, 0), flag == 1, chainId);
  }

  private static void writeCommon(final StatelessValidationResult result, final byte[] out) {
    result.newPayloadRequestRoot().copyTo(out, 0);
    out[FLAG_OFFSET] = (byte) (result.successfulValidation() ? 1 : 0);
    final long chainId = result.chainConfig().chainIdOnly();
    for (int i = 0; i < Long.BYTES; i++) {
      out[CHAIN_ID_OFFSET + i] = (byte) (chainId >>> (8 * i));
    }
  }
}
