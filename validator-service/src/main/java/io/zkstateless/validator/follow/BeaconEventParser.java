package io.zkstateless.validator.follow;

import io.zkstateless.common.model.bytes.Bytes32;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the data of {@code head}, {@code block}, {@code finalized_checkpoint} and {@code
 * chain_reorg} events. Anything malformed is a {@link BeaconApiException} naming the field, never
 * another exception: SSE is untrusted input like any other.
 */
final class BeaconEventParser {

  static final int MAX_EVENT_BYTES = 16 * 1024;

  private final JsonMapper json;

  BeaconEventParser(final JsonMapper json) {
    this.json = json;
  }

  BeaconEvent parse(final String eventName, final String data) {
    if (data == null || data.length() > MAX_EVENT_BYTES) {
      throw new BeaconApiException("event " + eventName + ": missing or oversize data");
    }
    final JsonNode node;
    try {
      node = json.readTree(data);
    } catch (final JacksonException e) {
      throw new BeaconApiException("event " + eventName + ": invalid JSON: " + e.getOriginalMessage());
    }
    return switch (eventName) {
      case "head" -> new BeaconEvent.Head(root(node, "block"), uint(node, "slot"));
      case "block" -> new BeaconEvent.Block(root(node, "block"), uint(node, "slot"));
      case "finalized_checkpoint" ->
          new BeaconEvent.FinalizedCheckpoint(root(node, "block"), uint(node, "epoch"));
      case "chain_reorg" ->
          new BeaconEvent.ChainReorg(
              root(node, "old_head_block"), root(node, "new_head_block"), uint(node, "slot"), uint(node, "depth"));
      default -> throw new BeaconApiException("unexpected event type " + eventName);
    };
  }

  static Bytes32 root(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new BeaconApiException("field " + field + " missing or not a string");
    }
    try {
      return Bytes32.fromHex(value.asString());
    } catch (final IllegalArgumentException e) {
      throw new BeaconApiException("field " + field + " is not a 32-byte hex root: " + e.getMessage());
    }
  }

  /** Beacon API integers are decimal strings; a JSON number is tolerated. */
  static long uint(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || !(value.isString() || value.isIntegralNumber())) {
      throw new BeaconApiException("field " + field + " missing or not an integer");
    }
    try {
      final long parsed = Long.parseLong(value.asString());
      if (parsed < 0) {
        throw new BeaconApiException("field " + field + " is negative");
      }
      return parsed;
    } catch (final NumberFormatException e) {
      throw new BeaconApiException("field " + field + " is not a uint64 below 2^63: " + value.asString());
    }
  }
}
