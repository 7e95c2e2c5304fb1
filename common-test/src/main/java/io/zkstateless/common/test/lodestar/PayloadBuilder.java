package io.zkstateless.common.test.lodestar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the empty execution payloads of {@link MockEngineApi}: no transactions, the attributes'
 * timestamp, prev_randao, fee recipient and (Capella) withdrawals, and a block number one above its
 * parent's. A parent the engine has never seen (the genesis payload header) counts as block 0.
 */
final class PayloadBuilder implements ExecutionPayloadSource {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HexFormat HEX = HexFormat.of();
  private static final String ZERO_32 = "0x" + "00".repeat(32);
  /** Root of an empty Merkle-Patricia trie (receipts of a block without transactions). */
  private static final String EMPTY_TRIE_ROOT =
      "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

  private final Map<String, Long> numbers = new ConcurrentHashMap<>();

  @Override
  public ObjectNode build(final String parentHash, final JsonNode attributes) {
    final long number = numbers.getOrDefault(parentHash, 0L) + 1;
    final String timestamp = attributes.path("timestamp").asString("");
    final String hash = blockHash(parentHash, number, timestamp);
    numbers.put(hash, number);
    final ObjectNode payload =
        JSON.createObjectNode()
            .put("parentHash", parentHash)
            .put("feeRecipient", attributes.path("suggestedFeeRecipient").asString(""))
            .put("stateRoot", ZERO_32)
            .put("receiptsRoot", EMPTY_TRIE_ROOT)
            .put("logsBloom", "0x" + "00".repeat(256))
            .put("prevRandao", attributes.path("prevRandao").asString(""))
            .put("blockNumber", quantity(number))
            .put("gasLimit", quantity(30_000_000))
            .put("gasUsed", "0x0")
            .put("timestamp", timestamp)
            .put("extraData", "0x")
            .put("baseFeePerGas", "0x7")
            .put("blockHash", hash);
    payload.putArray("transactions");
    if (attributes.has("withdrawals")) {
      payload.set("withdrawals", attributes.get("withdrawals"));
    }
    return payload;
  }

  /** Notes the number of a payload the consensus client imported (ours, or one gossiped). */
  @Override
  public void imported(final JsonNode payload) {
    final String hash = payload.path("blockHash").asString("");
    final String number = payload.path("blockNumber").asString("");
    if (hash.startsWith("0x") && number.startsWith("0x") && number.length() <= 18) {
      numbers.putIfAbsent(hash, Long.parseUnsignedLong(number.substring(2), 16));
    }
  }

  /**
   * SHA-256 over the parent hash, the number and the timestamp: unique per payload built (two
   * payloads on one parent differ in slot time), but not a real header hash.
   */
  static String blockHash(final String parentHash, final long number, final String timestamp) {
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(parentHash.getBytes(StandardCharsets.US_ASCII));
      sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
      sha256.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      return "0x" + HEX.formatHex(sha256.digest());
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  private static String quantity(final long value) {
    return "0x" + Long.toHexString(value);
  }
}
