package io.zkstateless.devnet.chain;

import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.lodestar.ExecutionPayloadSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The execution payloads of the devnet's Lodestar: for each slot, the next recorded real block
 * restamped as {@link RecordedBlockTemplate#stamp} does (only {@code extraData} changes, so the
 * witness stays valid), served by the execution client stand-in before the payload is handed out.
 * So every payload hash in Lodestar's chain is one the stand-in has a witness for.
 *
 * <p>The payload carries the stamped block's hash, number, state and receipts roots, logs bloom,
 * gas, base fee, extra data and transactions. {@code parentHash}, {@code timestamp}, {@code
 * prevRandao}, {@code feeRecipient} and {@code withdrawals} are the beacon chain's (Lodestar's state
 * transition checks the first three and the withdrawals against its own state); Lodestar 1.5.1
 * does not recompute the block hash, so the mix is accepted. The beacon block's payload is
 * therefore not the recorded header field for field, but its hash names a block whose header,
 * raw block and witness the stand-in serves consistently.
 */
public final class RecordedPayloadSource implements ExecutionPayloadSource {

  /** Execution blocks kept servable; older ones were proved (or given up on) long ago. */
  private static final int SERVED_SLOTS = 256;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<RecordedBlockTemplate> templates;
  private final FixtureExecutionClient executionClient;
  private final LongSupplier genesisTime;
  private final int secondsPerSlot;
  /** Slot to its stamped block, so a payload asked for twice in one slot is the same block. */
  private final Map<Long, FixtureBlock> stamped = new LinkedHashMap<>();

  /**
   * @param genesisTime the beacon chain's genesis (unix seconds), to turn payload timestamps into
   *     slots for the stamp; asked on every payload, as the devnet may restart Lodestar with a new
   *     genesis
   */
  public RecordedPayloadSource(
      final List<RecordedBlockTemplate> templates,
      final FixtureExecutionClient executionClient,
      final LongSupplier genesisTime,
      final int secondsPerSlot) {
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("needs at least one recorded block");
    }
    if (secondsPerSlot < 1) {
      throw new IllegalArgumentException("secondsPerSlot must be positive");
    }
    this.templates = List.copyOf(templates);
    this.executionClient = executionClient;
    this.genesisTime = genesisTime;
    this.secondsPerSlot = secondsPerSlot;
  }

  @Override
  public synchronized ObjectNode build(final String parentHash, final JsonNode attributes) {
    final long slot = slotOf(attributes.path("timestamp").asString(""));
    final RecordedBlockTemplate template = templates.get((int) ((slot - 1) % templates.size()));
    final FixtureBlock block = stamped.computeIfAbsent(slot, s -> serve(template.stamp(s)));
    final JsonNode header = block.block();
    final ObjectNode payload =
        JSON.createObjectNode()
            .put("parentHash", parentHash)
            .put("feeRecipient", attributes.path("suggestedFeeRecipient").asString(""))
            .put("stateRoot", header.path("stateRoot").asString())
            .put("receiptsRoot", header.path("receiptsRoot").asString())
            .put("logsBloom", header.path("logsBloom").asString())
            .put("prevRandao", attributes.path("prevRandao").asString(""))
            .put("blockNumber", "0x" + Long.toHexString(block.number()))
            .put("gasLimit", header.path("gasLimit").asString())
            .put("gasUsed", header.path("gasUsed").asString())
            .put("timestamp", attributes.path("timestamp").asString(""))
            .put("extraData", header.path("extraData").asString())
            .put("baseFeePerGas", header.path("baseFeePerGas").asString())
            .put("blockHash", block.hash());
    final ArrayNode transactions = payload.putArray("transactions");
    template.transactions().forEach(transactions::add);
    if (attributes.has("withdrawals")) {
      payload.set("withdrawals", attributes.get("withdrawals"));
    }
    return payload;
  }

  /** The slot of a payload timestamp ({@code 0x}-hex seconds); slot 0 is genesis, never built on. */
  long slotOf(final String timestamp) {
    final long seconds;
    try {
      seconds = Long.decode(timestamp);
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException("payload attributes without a timestamp: '" + timestamp + "'");
    }
    final long genesis = genesisTime.getAsLong();
    final long sinceGenesis = seconds - genesis;
    if (sinceGenesis < secondsPerSlot) {
      throw new IllegalArgumentException(
          "payload timestamp " + seconds + " is not after genesis " + genesis);
    }
    return sinceGenesis / secondsPerSlot;
  }

  private FixtureBlock serve(final FixtureBlock block) {
    executionClient.serve(block);
    while (stamped.size() >= SERVED_SLOTS) {
      final Long oldest = stamped.keySet().iterator().next();
      executionClient.forget(stamped.remove(oldest).hash());
    }
    return block;
  }
}
