package io.zkstateless.common.model.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.test.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Real {@code debug_executionWitness} answers (reth, Besu, ethrex) read with the RLP decoder. */
class WitnessRlpFixturesTest {

  static final List<String> WITNESSES = Fixtures.WITNESSES;

  /**
   * Every state entry is a trie node: a 17-item branch, a 2-item leaf or extension, or the legacy
   * reth {@code 0x80} (the empty string, whose hash is the empty-trie root). The empty string
   * {@code 0x} is not RLP at all; it occurs only in legacy {@code codes} (empty bytecode), never in
   * {@code state}, and the decoder refuses it.
   */
  @ParameterizedTest
  @FieldSource("WITNESSES")
  void everyStateEntryIsACanonicalTrieNode(final String name) {
    final JsonNode state = Fixtures.witnessFixture(name).get("witness").get("state");
    int branches = 0;
    int shortNodes = 0;
    int empty = 0;
    for (final JsonNode entry : state) {
      final byte[] node = Hex.decode(entry.asString());
      final RlpItem item = RlpItem.decode(node);
      assertThat(item.encode()).isEqualTo(node);
      switch (item) {
        case RlpList list when list.size() == 17 -> branches++;
        case RlpList list when list.size() == 2 -> shortNodes++;
        case RlpBytes bytes when bytes.length() == 0 -> empty++;
        default -> throw new AssertionError("not a trie node: " + entry.asString());
      }
    }
    assertThat(branches + shortNodes + empty).isEqualTo(state.size());
    assertThat(branches).isPositive();
    assertThat(empty).isLessThanOrEqualTo(1);
    assertThatThrownBy(() -> RlpItem.decode(Hex.decode("0x")))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("expected an item");
  }

  @ParameterizedTest
  @FieldSource("WITNESSES")
  void rawBlockHeaderHashesToTheBlockHash(final String name) {
    final JsonNode fixture = Fixtures.witnessFixture(name);
    final JsonNode rawBlock = fixture.get("rawBlock");
    if (rawBlock == null || rawBlock.isNull()) {
      assertThat(name).as("only the ethrex fixture lacks rawBlock").isEqualTo("hoodi-1265656");
      return;
    }
    final byte[] block = Hex.decode(rawBlock.asString());
    final RlpReader top = RlpReader.of(block);
    final RlpReader blockFields = top.readList();
    top.finish();
    final byte[] header = blockFields.readRaw();
    final JsonNode expected = fixture.get("block");
    assertThat(Hashes.keccak256(header))
        .isEqualTo(Bytes32.fromHex(expected.get("hash").asString()));
    final HeaderFields fields = HeaderFields.decode(header);
    assertThat(fields.stateRoot()).isEqualTo(Bytes32.fromHex(expected.get("stateRoot").asString()));
    assertThat(fields.number()).isEqualTo(Long.decode(expected.get("number").asString()));
    assertThat(RlpItem.decode(block).encode()).isEqualTo(block);
  }

  @ParameterizedTest
  @FieldSource("WITNESSES")
  void witnessHeadersDecodeAndChainToTheParent(final String name) {
    final JsonNode fixture = Fixtures.witnessFixture(name);
    final JsonNode block = fixture.get("block");
    final Map<Bytes32, HeaderFields> byHash = new HashMap<>();
    final List<Long> numbers = new ArrayList<>();
    for (final JsonNode entry : fixture.get("witness").get("headers")) {
      final byte[] header = Hex.decode(entry.asString());
      final HeaderFields fields = HeaderFields.decode(header);
      assertThat(RlpItem.decode(header).encode()).isEqualTo(header);
      byHash.put(Hashes.keccak256(header), fields);
      numbers.add(fields.number());
    }
    final HeaderFields parent = byHash.get(Bytes32.fromHex(block.get("parentHash").asString()));
    assertThat(parent).as("parent header found by hash").isNotNull();
    assertThat(parent.number()).isEqualTo(Long.decode(block.get("number").asString()) - 1);
    assertThat(parent.stateRoot())
        .isEqualTo(Bytes32.fromHex(fixture.get("expected").get("parentStateRoot").asString()));
    for (final HeaderFields header : byHash.values()) {
      final boolean oldest =
          header.number() == numbers.stream().mapToLong(n -> n).min().orElseThrow();
      if (!oldest) {
        assertThat(byHash).as("hash chain").containsKey(header.parentHash());
      }
    }
    final JsonNode listed = fixture.get("expected").get("headerNumbersInWitness");
    if (listed != null) {
      assertThat(numbers)
          .containsExactlyElementsOf(listed.valueStream().map(JsonNode::asLong).toList());
    }
  }
}
