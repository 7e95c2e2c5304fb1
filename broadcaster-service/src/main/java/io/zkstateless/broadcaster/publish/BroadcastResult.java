package io.zkstateless.broadcaster.publish;

import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record of {@code broadcast-results}: the final outcome of one proof.
 *
 * @param blockHash execution block hash, 0x-hex
 * @param subnet execution-proof subnet, or -1 when the record never decoded
 * @param result published, dropped or dead_lettered
 * @param attempts publish attempts made
 * @param peersReached peers the last attempt reached (0 when already seen or not published)
 * @param reason why, for dropped and dead-lettered proofs; "already seen" for a duplicate
 */
public record BroadcastResult(
    String blockHash, int subnet, Result result, int attempts, int peersReached, String reason) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The terminal outcomes; the tag value of {@code broadcaster_published_total{result}}. */
  public enum Result {
    PUBLISHED,
    DROPPED,
    DEAD_LETTERED;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public String toJson() {
    final ObjectNode node = JSON.createObjectNode();
    node.put("block_hash", blockHash);
    node.put("subnet", subnet);
    node.put("result", result.tag());
    node.put("attempts", attempts);
    node.put("peers_reached", peersReached);
    if (reason == null) {
      node.putNull("reason");
    } else {
      node.put("reason", reason);
    }
    return JSON.writeValueAsString(node);
  }
}
