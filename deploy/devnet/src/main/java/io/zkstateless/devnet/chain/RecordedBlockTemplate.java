package io.zkstateless.devnet.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.model.rlp.RlpWriter;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.FixtureBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A recorded real block with its real execution witness, from which the simulated chain stamps one
 * new execution block per slot.
 *
 * <p>Each stamped block is the recorded block with only its header's {@code extraData} replaced by
 * {@code "zk-devnet slot <n>"}. That gives every slot its own block hash (so every slot is proved
 * afresh, as on a real chain), while everything the witness is checked against stays real: the
 * parent hash, the number and so the parent header chain and state root the witness is anchored
 * to. The witness is served byte for byte as recorded.
 */
public final class RecordedBlockTemplate {

  /** Field 12 of an execution header, free-form (at most 32 bytes) since Frontier. */
  private static final int EXTRA_DATA_FIELD = 12;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final long number;
  private final List<byte[]> headerFields;
  private final List<byte[]> blockTail;
  private final JsonNode blockJson;
  private final byte[] witnessJson;
  private final List<String> transactions;

  private RecordedBlockTemplate(
      final String name,
      final long number,
      final List<byte[]> headerFields,
      final List<byte[]> blockTail,
      final JsonNode blockJson,
      final byte[] witnessJson) {
    this.name = name;
    this.number = number;
    this.headerFields = headerFields;
    this.blockTail = blockTail;
    this.blockJson = blockJson;
    this.witnessJson = witnessJson;
    this.transactions = engineTransactions(blockTail.getFirst());
  }

  /**
   * Loads one of {@link Fixtures#WITNESSES}.
   *
   * @throws IllegalArgumentException if the fixture has no raw block (the witness prover needs it)
   */
  public static RecordedBlockTemplate load(final String fixtureName) {
    final JsonNode fixture = Fixtures.witnessFixture(fixtureName);
    final JsonNode rawBlock = fixture.path("rawBlock");
    if (!rawBlock.isString()) {
      throw new IllegalArgumentException(
          "fixture " + fixtureName + " has no rawBlock; the witness prover needs one");
    }
    final RlpReader block = RlpReader.of(Hex.decode(rawBlock.asString())).readList();
    final RlpReader header = block.readList();
    final List<byte[]> fields = new ArrayList<>();
    while (header.hasNext()) {
      fields.add(header.readRaw());
    }
    final List<byte[]> tail = new ArrayList<>();
    while (block.hasNext()) {
      tail.add(block.readRaw());
    }
    final JsonNode blockJson = fixture.path("block");
    return new RecordedBlockTemplate(
        fixtureName,
        Long.decode(blockJson.path("number").asString()),
        List.copyOf(fields),
        List.copyOf(tail),
        blockJson,
        JSON.writeValueAsBytes(fixture.path("witness")));
  }

  public String name() {
    return name;
  }

  public long number() {
    return number;
  }

  /**
   * The block's transactions as the Engine API carries them ({@code 0x}-hex): a legacy
   * transaction's RLP list, a typed one's {@code type || payload} envelope (in the block body an
   * RLP byte string). Stamping does not change them.
   */
  public List<String> transactions() {
    return transactions;
  }

  private static List<String> engineTransactions(final byte[] transactionList) {
    final RlpReader list = RlpReader.of(transactionList).readList();
    final List<String> encoded = new ArrayList<>();
    while (list.hasNext()) {
      encoded.add(Hex.encode(list.isList() ? list.readRaw() : list.readBytes()));
    }
    return List.copyOf(encoded);
  }

  /** The recorded block with {@code extraData} set to {@code "zk-devnet slot <slot>"}. */
  public FixtureBlock stamp(final long slot) {
    final byte[] extraData = ("zk-devnet slot " + slot).getBytes(StandardCharsets.US_ASCII);
    final List<byte[]> fields = new ArrayList<>(headerFields);
    fields.set(EXTRA_DATA_FIELD, RlpWriter.encodeBytes(extraData));
    final byte[] header = RlpWriter.encodeList(fields);
    final List<byte[]> blockItems = new ArrayList<>();
    blockItems.add(header);
    blockItems.addAll(blockTail);
    final Bytes32 hash = Hashes.keccak256(header);
    final ObjectNode json = (ObjectNode) blockJson.deepCopy();
    json.put("hash", hash.toHexString());
    json.put("extraData", Hex.encode(extraData));
    return new FixtureBlock(
        hash.toHexString(),
        number,
        json,
        Hex.encode(RlpWriter.encodeList(blockItems)),
        out -> out.write(witnessJson));
  }
}
