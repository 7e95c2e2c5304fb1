package io.zkstateless.common.model.electra;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Beacon API {@code /eth/v2/beacon/blocks} answer assembled from the published ssz_static values,
 * with every integer written as the decimal string the Beacon API uses.
 */
final class BeaconBlockJsonSamples {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PARENT_ROOT = "0x" + "cd".repeat(32);
  static final List<String> COMMITMENTS = List.of("0x" + "00".repeat(48), "0x" + "11".repeat(48));

  private BeaconBlockJsonSamples() {}

  static ObjectNode block(final String fork) {
    final ObjectNode root = JSON.createObjectNode();
    root.put("version", fork);
    root.put("execution_optimistic", false);
    final ObjectNode message = root.putObject("data").putObject("message");
    root.withObject("data").put("signature", "0x" + "00".repeat(96));
    message.put("slot", "123");
    message.put("proposer_index", "7");
    message.put("parent_root", PARENT_ROOT);
    message.put("state_root", "0x" + "00".repeat(32));
    final ObjectNode body = message.putObject("body");
    body.set(
        "execution_payload",
        toJson(SszStaticVectors.value("mainnet/deneb/ExecutionPayload/ssz_random/case_4")));
    final ArrayNode commitments = body.putArray("blob_kzg_commitments");
    COMMITMENTS.forEach(commitments::add);
    body.set(
        "execution_requests",
        toJson(SszStaticVectors.value("minimal/electra/ExecutionRequests/ssz_random/case_5")));
    return root;
  }

  /** YAML numbers become decimal strings; strings and structure stay. */
  private static JsonNode toJson(final Object yaml) {
    if (yaml instanceof Map<?, ?> map) {
      final ObjectNode node = JSON.createObjectNode();
      map.forEach((k, v) -> node.set((String) k, toJson(v)));
      return node;
    }
    if (yaml instanceof List<?> list) {
      final ArrayNode node = JSON.createArrayNode();
      list.forEach(v -> node.add(toJson(v)));
      return node;
    }
    return JSON.getNodeFactory().stringNode(yaml.toString());
  }
}
