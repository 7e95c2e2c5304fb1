package io.zkstateless.validator.reliability;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal but complete Fulu beacon block in Beacon API JSON, carrying a given execution payload
 * hash: what the http verifier needs to compute a block's {@code new_payload_request_root}.
 */
final class FuluBlockJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FuluBlockJson() {}

  static String of(final long slot, final String parentRoot, final String blockHash, final long blockNumber) {
    final ObjectNode root = JSON.createObjectNode().put("version", "fulu");
    final ObjectNode message = root.putObject("data").putObject("message");
    message.put("slot", Long.toString(slot)).put("parent_root", parentRoot);
    final ObjectNode body = message.putObject("body");
    final ObjectNode payload = body.putObject("execution_payload");
    payload.put("parent_hash", "0x" + "01".repeat(32));
    payload.put("fee_recipient", "0x" + "02".repeat(20));
    payload.put("state_root", "0x" + "03".repeat(32));
    payload.put("receipts_root", "0x" + "04".repeat(32));
    payload.put("logs_bloom", "0x" + "00".repeat(256));
    payload.put("prev_randao", "0x" + "05".repeat(32));
    payload.put("block_number", Long.toString(blockNumber));
    payload.put("gas_limit", "36000000");
    payload.put("gas_used", "21000");
    payload.put("timestamp", Long.toString(1_750_000_000L + slot * 12));
    payload.put("extra_data", "0x");
    payload.put("base_fee_per_gas", "7");
    payload.put("block_hash", blockHash);
    payload.putArray("transactions").add("0x02f801");
    payload.putArray("withdrawals");
    payload.put("blob_gas_used", "0");
    payload.put("excess_blob_gas", "0");
    body.putArray("blob_kzg_commitments");
    final ObjectNode requests = body.putObject("execution_requests");
    requests.putArray("deposits");
    requests.putArray("withdrawals");
    requests.putArray("consolidations");
    return JSON.writeValueAsString(root);
  }
}
