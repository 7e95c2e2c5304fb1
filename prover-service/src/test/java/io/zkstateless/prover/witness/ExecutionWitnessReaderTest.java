package io.zkstateless.prover.witness;

import static io.zkstateless.prover.witness.WitnessJsonSupport.assertSameEntries;
import static io.zkstateless.prover.witness.WitnessJsonSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.test.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ExecutionWitnessReaderTest {

  static Stream<String> recorded() {
    return Fixtures.WITNESSES.stream();
  }

  static Stream<String> eest() {
    return Fixtures.EEST.stream();
  }

  @ParameterizedTest
  @MethodSource("recorded")
  void parsesEveryRecordedClientWitnessWithTheExpectedCounts(final String name) {
    final JsonNode fixture = RecordedBlocks.fixture(name);
    final JsonNode json = fixture.path("witness");
    final JsonNode counts = fixture.path("expected").path("counts");

    final ExecutionWitness witness = parse(json);

    assertThat(witness.state().size()).isEqualTo(counts.path("state_nodes").asInt());
    assertThat(witness.codes().size()).isEqualTo(counts.path("codes").asInt());
    assertThat(witness.keys())
        .get()
        .extracting(WitnessEntries::size)
        .isEqualTo(counts.path("keys").asInt());
    assertThat(witness.headers().size())
        .isEqualTo(fixture.path("expected").path("headerNumbersInWitness").size());
    assertThat(witness.headerForm()).isEqualTo(HeaderForm.RLP_HEX);
    assertSameEntries(witness.state(), json.path("state"));
    assertSameEntries(witness.codes(), json.path("codes"));
    assertSameEntries(witness.keys().orElseThrow(), json.path("keys"));
    assertSameEntries(witness.headers(), json.path("headers"));
    assertThat(witness.totalBytes())
        .isEqualTo(
            witness.state().totalBytes()
                + witness.codes().totalBytes()
                + witness.keys().orElseThrow().totalBytes()
                + witness.headers().totalBytes());
  }

  @Test
  void keepsRethLegacyEmptyEntries() {
    final ExecutionWitness witness =
        parse(RecordedBlocks.fixture("mainnet-24628608").path("witness"));

    assertThat(witness.state().toList()).anySatisfy(node -> assertThat(node).containsExactly(0x80));
    assertThat(witness.codes().toList()).anySatisfy(code -> assertThat(code).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("eest")
  void parsesEestCanonicalWitnessesWithoutKeys(final String name) {
    for (final JsonNode block : Fixtures.eestFixture(name).path("blocks")) {
      final JsonNode json = block.path("executionWitness");

      final ExecutionWitness witness = parse(json);

      assertThat(witness.keys()).isEmpty();
      assertSameEntries(witness.state(), json.path("state"));
      assertSameEntries(witness.codes(), json.path("codes"));
      assertSameEntries(witness.headers(), json.path("headers"));
    }
  }

  @Test
  void nullKeysMeanAbsentAndFieldOrderAndUnknownFieldsDoNotMatter() {
    final ExecutionWitness witness =
        parse(
            "{\"headers\":[\"0xc0\"],\"extra\":{\"a\":[1,2,{}]},\"codes\":[],"
                + "\"state\":[\"0x80\",\"0xABcd\"],\"keys\":null}",
            WitnessLimits.DEFAULT);

    assertThat(witness.keys()).isEmpty();
    assertThat(witness.state().get(1)).containsExactly(0xab, 0xcd);
    assertThat(witness.codes().isEmpty()).isTrue();
  }

  @Test
  void rejectsBadHexWithEntryAndPosition() {
    assertFormatError("{\"state\":[\"0x80\",\"0x12zz\"],\"codes\":[],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("state[1] has a non-hex character 'z' at position 4");
  }

  @Test
  void rejectsOddDigitsMissingPrefixAndWrongTypes() {
    assertFormatError("{\"state\":[\"0x123\"],\"codes\":[],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("state[0] has an odd number of hex digits (3)");
    assertFormatError("{\"state\":[\"1234\"],\"codes\":[],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("state[0] lacks the 0x prefix");
    assertFormatError("{\"state\":[12],\"codes\":[],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("state[0] must be a 0x-hex string, got VALUE_NUMBER_INT");
    assertFormatError("{\"state\":\"0x80\",\"codes\":[],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("state must be an array, got VALUE_STRING");
    assertFormatError("[1,2]").hasMessageContaining("witness must be a JSON object");
  }

  @Test
  void rejectsMissingEmptyMixedOrDuplicateFields() {
    assertFormatError("{\"state\":[],\"codes\":[]}")
        .hasMessageContaining("required field 'headers' is missing");
    assertFormatError("{\"state\":[],\"codes\":[],\"headers\":[]}")
        .hasMessageContaining("headers is empty");
    assertFormatError("{\"state\":[],\"codes\":[],\"headers\":[\"0xc0\",{\"hash\":\"0x00\"}]}")
        .hasMessageContaining("headers mixes RLP strings and JSON objects at index 1");
    assertFormatError("{\"state\":[],\"state\":[],\"codes\":[],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("duplicate field 'state'");
  }

  @Test
  void rejectsKeysThatAreNeitherAddressesNorSlots() {
    assertFormatError(
            "{\"state\":[],\"codes\":[],\"keys\":[\"0x"
                + "11".repeat(21)
                + "\"],\"headers\":[\"0xc0\"]}")
        .hasMessageContaining("keys[0] is 21 bytes");
  }

  @Test
  void enforcesCountEntryAndTotalLimits() {
    final WitnessLimits small = new WitnessLimits(64, 2, 2, 2, 2, 16, 32, 32);
    assertFormatError(
            "{\"state\":[\"0x01\",\"0x02\",\"0x03\"],\"codes\":[],\"headers\":[\"0xc0\"]}", small)
        .hasMessageContaining("state has more than 2 entries");
    assertFormatError(
            "{\"state\":[\"0x" + "00".repeat(17) + "\"],\"codes\":[],\"headers\":[\"0xc0\"]}",
            small)
        .hasMessageContaining("state[0] is 17 bytes, over the limit 16");
    final String code = "\"0x" + "00".repeat(30) + "\"";
    assertFormatError(
            "{\"state\":[],\"codes\":[" + code + "," + code + "],\"headers\":[" + code + "]}",
            small)
        .hasMessageContaining("witness exceeds the limit of 64 bytes while reading headers");
  }

  @Test
  void rejectsAStringLongerThanAnyEntryBeforeBufferingIt() {
    final WitnessLimits small = new WitnessLimits(1 << 20, 10, 10, 10, 10, 64, 64, 64);
    assertFormatError(
            "{\"state\":[\"0x" + "ab".repeat(10_000) + "\"],\"codes\":[],\"headers\":[\"0xc0\"]}",
            small)
        .hasMessageContaining("exceeds a size limit");
  }

  @Test
  void rejectsMalformedAndTruncatedJson() {
    assertFormatError("{\"state\":[\"0x80\",").hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () -> WitnessJsonSupport.parseBody("<html>502</html>", WitnessLimits.DEFAULT))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void envelopeErrorsAndNullResultsAreReportedAsSuch() {
    assertThatThrownBy(
            () ->
                WitnessJsonSupport.parseBody(
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32001,\"message\":\"block"
                        + " not found\"}}",
                    WitnessLimits.DEFAULT))
        .isInstanceOfSatisfying(
            JsonRpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-32001));
    assertThatThrownBy(
            () ->
                WitnessJsonSupport.parseBody(
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":null}", WitnessLimits.DEFAULT))
        .isInstanceOfSatisfying(
            ExecutionClientException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.NOT_FOUND));
    assertThatThrownBy(
            () ->
                WitnessJsonSupport.parseBody(
                    "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":null}", WitnessLimits.DEFAULT))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageContaining("does not match request id 7");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertFormatError(final String witnessJson) {
    return assertFormatError(witnessJson, WitnessLimits.DEFAULT);
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertFormatError(final String witnessJson, final WitnessLimits limits) {
    return assertThatThrownBy(() -> parse(witnessJson, limits))
        .isInstanceOf(WitnessFormatException.class)
        .hasMessageStartingWith(WitnessFormatException.FORMAT + " decode error at offset ");
  }
}
