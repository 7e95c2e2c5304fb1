package io.zkstateless.common.p2p.encoding;

import java.math.BigInteger;
import java.util.Arrays;

/** Base58btc (the Bitcoin alphabet), the text form of libp2p peer ids. */
public final class Base58 {

  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);
  private static final int[] INDEX = new int[128];

  /** Peer ids are under 100 characters; refusing long input keeps the quadratic decode cheap. */
  private static final int MAX_DECODE_CHARS = 256;

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEX[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  public static String encode(final byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    final StringBuilder out = new StringBuilder();
    BigInteger value = new BigInteger(1, bytes);
    while (value.signum() > 0) {
      final BigInteger[] qr = value.divideAndRemainder(FIFTY_EIGHT);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      value = qr[0];
    }
    out.append("1".repeat(zeros));
    return out.reverse().toString();
  }

  /**
   * Decodes base58btc text.
   *
   * @throws IllegalArgumentException on a character outside the alphabet or overlong input
   */
  public static byte[] decode(final String text) {
    if (text.length() > MAX_DECODE_CHARS) {
      throw new IllegalArgumentException("base58 text longer than " + MAX_DECODE_CHARS + " chars");
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      final int digit = c < 128 ? INDEX[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("Invalid base58 character '" + c + "' at index " + i);
      }
      value = value.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
    }
    final byte[] magnitude = value.signum() == 0 ? new byte[0] : unsigned(value);
    final byte[] out = new byte[zeros + magnitude.length];
    System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
    return out;
  }

  private static byte[] unsigned(final BigInteger value) {
    final byte[] raw = value.toByteArray();
    return raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
  }
}
