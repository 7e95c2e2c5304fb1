package io.zkstateless.common.model.bytes;

import java.util.HexFormat;

/** Lower-case hex with an optional {@code 0x} prefix, as JSON-RPC and the Beacon API write it. */
public final class Hex {

  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Encodes with a {@code 0x} prefix. */
  public static String encode(final byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** Encodes without a prefix (fork digests in topic names, for example). */
  public static String encodeBare(final byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Decodes hex with or without {@code 0x}; {@code "0x"} is the empty array.
   *
   * @throws IllegalArgumentException on odd length or a non-hex character, naming the position
   */
  public static byte[] decode(final String hex) {
    final String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if ((digits.length() & 1) != 0) {
      throw new IllegalArgumentException("Odd number of hex digits: " + digits.length());
    }
    try {
      return HEX.parseHex(digits);
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid hex: " + e.getMessage(), e);
    }
  }
}
