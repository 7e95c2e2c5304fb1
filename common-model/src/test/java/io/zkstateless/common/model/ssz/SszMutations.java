package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * The decoding contract on arbitrary bytes, shared by property and fuzz tests: input is either
 * rejected with {@link SszDecodeException} (and nothing else), or it is the canonical encoding of
 * the decoded value, so re-encoding gives back exactly the same bytes.
 */
public final class SszMutations {

  private SszMutations() {}

  /** Decodes {@code input} and checks the contract; returns the value or null if rejected. */
  public static <T> T checkDecodeContract(final SszSchema<T> schema, final byte[] input) {
    final T decoded;
    try {
      decoded = schema.decode(input);
    } catch (final SszDecodeException rejected) {
      return null;
    }
    final byte[] reencoded = schema.encode(decoded);
    if (!Arrays.equals(reencoded, input)) {
      throw new AssertionError(
          schema.typeName() + " accepted a non-canonical encoding of " + decoded);
    }
    assertThat(schema.hashTreeRoot(decoded))
        .isEqualTo(schema.hashTreeRoot(schema.decode(reencoded)));
    return decoded;
  }

  static byte[] withByte(final byte[] bytes, final int index, final byte value) {
    final byte[] out = bytes.clone();
    out[index] = value;
    return out;
  }

  static byte[] truncated(final byte[] bytes, final int length) {
    return Arrays.copyOf(bytes, length);
  }

  static byte[] withTrailingByte(final byte[] bytes, final byte extra) {
    final byte[] out = Arrays.copyOf(bytes, bytes.length + 1);
    out[bytes.length] = extra;
    return out;
  }
}
