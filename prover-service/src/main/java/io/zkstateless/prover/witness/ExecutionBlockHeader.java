package io.zkstateless.prover.witness;

import io.zkstateless.common.model.bytes.Bytes32;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an execution block header the admin API needs to find its beacon block.
 *
 * @param hash block hash
 * @param number block number
 * @param timestamp block timestamp (unix seconds)
 * @param parentBeaconBlockRoot EIP-4788 root, empty before Cancun
 * @param slotNumber EIP-7843 slot, empty before Amsterdam
 */
public record ExecutionBlockHeader(
    Bytes32 hash,
    long number,
    long timestamp,
    Optional<Bytes32> parentBeaconBlockRoot,
    OptionalLong slotNumber) {

  /**
   * Reads a JSON-RPC block object.
   *
   * @throws ExecutionClientException {@code NOT_FOUND} for {@code null} (web3j reads it as a
   *     {@code NullNode}, not as no result), {@code MALFORMED_RESPONSE} if a field is missing or
   *     not hex
   */
  static ExecutionBlockHeader fromJson(final String method, final JsonNode block) {
    if (block.isNull()) {
      throw new ExecutionClientException(
          FailureReason.NOT_FOUND, method + " returned null: the client does not have the block");
    }
    try {
      return new ExecutionBlockHeader(
          Bytes32.fromHex(text(block, "hash")),
          quantity(block, "number"),
          quantity(block, "timestamp"),
          block.hasNonNull("parentBeaconBlockRoot")
              ? Optional.of(Bytes32.fromHex(text(block, "parentBeaconBlockRoot")))
              : Optional.empty(),
          block.hasNonNull("slotNumber")
              ? OptionalLong.of(quantity(block, "slotNumber"))
              : OptionalLong.empty());
    } catch (final IllegalArgumentException | ArithmeticException e) {
      throw new ExecutionClientException(
          FailureReason.MALFORMED_RESPONSE, method + " returned a bad block: " + e.getMessage(), e);
    }
  }

  private static String text(final JsonNode block, final String field) {
    final JsonNode value = block.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException(field + " missing or not a string");
    }
    return value.asString();
  }

  /** A {@code 0x} quantity that fits a non-negative long. */
  private static long quantity(final JsonNode block, final String field) {
    final String hex = text(block, field);
    if (!hex.startsWith("0x") || hex.length() < 3 || hex.length() > 18) {
      throw new IllegalArgumentException(field + " is not a 64-bit 0x quantity: " + hex);
    }
    try {
      return new BigInteger(hex.substring(2), 16).longValueExact();
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(field + " is not hex: " + hex, e);
    }
  }
}
