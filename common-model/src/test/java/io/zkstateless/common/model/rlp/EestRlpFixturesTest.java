package io.zkstateless.common.model.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.test.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** The execution-spec-tests zkEVM blockchain tests: block RLP, witness headers and trie nodes. */
class EestRlpFixturesTest {

  static final List<String> EEST = Fixtures.EEST;

  /** The one block whose witness deliberately lacks the parent header. */
  private static final String MISSING_PARENT = "validation_headers_missing_parent_header";

  @ParameterizedTest
  @FieldSource("EEST")
  void blockRlpHashesToTheHeaderHashAndReEncodes(final String name) {
    for (final JsonNode block : Fixtures.eestFixture(name).get("blocks")) {
      final byte[] rlp = Hex.decode(block.get("rlp").asString());
      final RlpReader top = RlpReader.of(rlp);
      final byte[] header = top.readList().readRaw();
      top.finish();
      final JsonNode expected = block.get("blockHeader");
      assertThat(Hashes.keccak256(header))
          .isEqualTo(Bytes32.fromHex(expected.get("hash").asString()));
      final HeaderFields fields = HeaderFields.decode(header);
      assertThat(fields.stateRoot())
          .isEqualTo(Bytes32.fromHex(expected.get("stateRoot").asString()));
      assertThat(fields.number()).isEqualTo(Long.decode(expected.get("number").asString()));
      assertThat(RlpItem.decode(rlp).encode()).isEqualTo(rlp);
    }
  }

  @ParameterizedTest
  @FieldSource("EEST")
  void witnessHeadersAscendToTheParent(final String name) {
    final JsonNode blocks = Fixtures.eestFixture(name).get("blocks");
    for (int i = 0; i < blocks.size(); i++) {
      final JsonNode block = blocks.get(i);
      final JsonNode witness = block.get("executionWitness");
      final Map<Bytes32, HeaderFields> byHash = new HashMap<>();
      long previous = -1;
      for (final JsonNode entry : witness.get("headers")) {
        final byte[] header = Hex.decode(entry.asString());
        final HeaderFields fields = HeaderFields.decode(header);
        assertThat(fields.number()).as("ascending").isGreaterThan(previous);
        previous = fields.number();
        byHash.put(Hashes.keccak256(header), fields);
      }
      final Bytes32 parentHash =
          Bytes32.fromHex(block.get("blockHeader").get("parentHash").asString());
      final boolean parentWithheld = name.equals(MISSING_PARENT) && i == 2;
      assertThat(byHash.containsKey(parentHash)).isEqualTo(!parentWithheld);
      if (!parentWithheld) {
        final HeaderFields parent = byHash.get(parentHash);
        assertThat(parent.number()).isEqualTo(previous);
        assertThat(isStateNode(witness, parent.stateRoot()))
            .as("parent state root in state")
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("EEST")
  void stateEntriesAreCanonicalTrieNodes(final String name) {
    for (final JsonNode block : Fixtures.eestFixture(name).get("blocks")) {
      for (final JsonNode entry : block.get("executionWitness").get("state")) {
        final byte[] node = Hex.decode(entry.asString());
        final RlpItem item = RlpItem.decode(node);
        assertThat(item.encode()).isEqualTo(node);
        assertThat(item).isInstanceOf(RlpList.class);
        assertThat(((RlpList) item).size()).isIn(2, 17);
      }
    }
  }

  private static boolean isStateNode(final JsonNode witness, final Bytes32 hash) {
    for (final JsonNode entry : witness.get("state")) {
      if (Hashes.keccak256(Hex.decode(entry.asString())).equals(hash)) {
        return true;
      }
    }
    return false;
  }
}
