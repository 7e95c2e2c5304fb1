package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import tools.jackson.databind.JsonNode;

/**
 * Field readers for Beacon API JSON; a missing or malformed field is a {@link
 * BeaconWatchException}.
 */
final class BeaconJson {

  private BeaconJson() {}

  static Bytes32 root(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new BeaconWatchException("field " + field + " missing or not a string");
    }
    try {
      return Bytes32.fromHex(value.asString());
    } catch (final IllegalArgumentException e) {
      throw new BeaconWatchException(
          "field " + field + " is not a 32-byte hex root: " + e.getMessage());
    }
  }

  /** Beacon API integers are decimal strings; a JSON number is tolerated. */
  static long uint(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || !(value.isString() || value.isIntegralNumber())) {
      throw new BeaconWatchException("field " + field + " missing or not an integer");
    }
    try {
      final long parsed = Long.parseLong(value.asString());
      if (parsed < 0) {
        throw new BeaconWatchException("field " + field + " is negative");
      }
      return parsed;
    } catch (final NumberFormatException e) {
      throw new BeaconWatchException(
          "field " + field + " is not a uint64 below 2^63: " + value.asString());
    }
  }
}
