package io.zkstateless.tools;

import io.zkstateless.common.model.bytes.Hex;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of EEST JSON values that fail with a {@link MalformedFixtureException} naming the
 * path, never a {@code NullPointerException}: fixtures the command has never seen must not crash
 * it. EEST writes every byte string and every quantity as a {@code 0x}-prefixed hex string.
 */
final class EestJson {

  private EestJson() {}

  static JsonNode field(final JsonNode parent, final String name, final String path) {
    final JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new MalformedFixtureException(path + "." + name, "missing");
    }
    return value;
  }

  static JsonNode array(final JsonNode parent, final String name, final String path) {
    final JsonNode value = field(parent, name, path);
    if (!value.isArray()) {
      throw new MalformedFixtureException(path + "." + name, "not an array");
    }
    return value;
  }

  static String text(final JsonNode value, final String path) {
    if (!value.isString()) {
      throw new MalformedFixtureException(path, "not a string");
    }
    return value.asString();
  }

  static byte[] bytes(final JsonNode value, final String path) {
    final String text = text(value, path);
    if (!text.startsWith("0x")) {
      throw new MalformedFixtureException(path, "hex without 0x prefix");
    }
    try {
      return Hex.decode(text);
    } catch (final IllegalArgumentException e) {
      throw new MalformedFixtureException(path, e.getMessage(), e);
    }
  }

  /** A hex quantity ({@code 0x}, {@code 0x01}, {@code 0x3b9aca00}) as a non-negative integer. */
  static BigInteger quantity(final JsonNode value, final String path) {
    final String text = text(value, path);
    if (!text.startsWith("0x")) {
      throw new MalformedFixtureException(path, "quantity without 0x prefix");
    }
    final String digits = text.substring(2);
    if (digits.startsWith("-") || digits.startsWith("+")) {
      throw new MalformedFixtureException(path, "signed quantity: " + text);
    }
    if (digits.length() > 64) {
      throw new MalformedFixtureException(path, "quantity wider than 256 bits");
    }
    try {
      return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
    } catch (final NumberFormatException e) {
      throw new MalformedFixtureException(path, "not a hex quantity: " + text, e);
    }
  }

  /** A quantity that must fit a {@code long} (chain id, block number). */
  static long longQuantity(final JsonNode value, final String path) {
    final BigInteger quantity = quantity(value, path);
    if (quantity.bitLength() > 63) {
      throw new MalformedFixtureException(path, "quantity does not fit 63 bits");
    }
    return quantity.longValueExact();
  }
}
