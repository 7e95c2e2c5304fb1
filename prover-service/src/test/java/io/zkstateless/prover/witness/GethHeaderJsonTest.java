package io.zkstateless.prover.witness;

import static io.zkstateless.prover.witness.WitnessJsonSupport.assertSameEntries;
import static io.zkstateless.prover.witness.WitnessJsonSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.test.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * geth's JSON-object headers; the geth witnesses here are synthesized (see {@link
 * GethWitnessShape}).
 */
class GethHeaderJsonTest {

  @Test
  void gethShapedWitnessParsesAndHeadersComeBackAsTheOriginalRlp() {
    for (final String name : Fixtures.WITNESSES) {
      final JsonNode rlpShaped = RecordedBlocks.fixture(name).path("witness");

      final ExecutionWitness witness = parse(GethWitnessShape.fromRlpWitness(rlpShaped));

      assertThat(witness.headerForm()).as(name).isEqualTo(HeaderForm.GETH_JSON_OBJECT);
      assertThat(witness.keys()).as(name).isEmpty();
      assertSameEntries(witness.headers(), rlpShaped.path("headers"));
      assertSameEntries(witness.state(), rlpShaped.path("state"));
    }
  }

  @Test
  void amsterdamEestHeadersWithNewFieldsRoundTrip() {
    final JsonNode rlpShaped =
        Fixtures.eestFixture("witness_headers_max_wins_across_multiple_transactions")
            .path("blocks")
            .get(5)
            .path("executionWitness");

    final ExecutionWitness witness = parse(GethWitnessShape.fromRlpWitness(rlpShaped));

    assertSameEntries(witness.headers(), rlpShaped.path("headers"));
  }

  @Test
  void aChangedFieldFailsTheHashCheck() {
    final ObjectNode geth = gethWitness();
    ((ObjectNode) geth.path("headers").get(0)).put("gasUsed", "0x1");

    assertThatThrownBy(() -> parse(geth))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("headers[0] re-encoded to RLP does not hash to its hash");
  }

  @Test
  void missingRequiredOrOutOfOrderOptionalFieldsAreRejected() {
    final ObjectNode noRoot = gethWitness();
    ((ObjectNode) noRoot.path("headers").get(0)).remove("stateRoot");
    assertThatThrownBy(() -> parse(noRoot))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("headers[0] lacks required field stateRoot");

    final ObjectNode gap = gethWitness();
    ((ObjectNode) gap.path("headers").get(0)).remove("withdrawalsRoot");
    assertThatThrownBy(() -> parse(gap))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("headers[0] has blobGasUsed but not the earlier withdrawalsRoot");

    final ObjectNode noHash = gethWitness();
    ((ObjectNode) noHash.path("headers").get(0)).remove("hash");
    assertThatThrownBy(() -> parse(noHash))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("lacks its hash");

    final ObjectNode badRoot = gethWitness();
    ((ObjectNode) badRoot.path("headers").get(0)).put("stateRoot", "0x1234");
    assertThatThrownBy(() -> parse(badRoot))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("headers[0].stateRoot is 2 bytes, expected 32");
  }

  private static ObjectNode gethWitness() {
    return GethWitnessShape.fromRlpWitness(RecordedBlocks.fixture("hoodi-51632").path("witness"));
  }
}
