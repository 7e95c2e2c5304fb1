package io.zkstateless.prover.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Hex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses witness JSON the way the streaming transport does, and compares with the JSON tree. */
final class WitnessJsonSupport {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private WitnessJsonSupport() {}

  static ExecutionWitness parse(final JsonNode witness) {
    return parse(JSON.writeValueAsString(witness), WitnessLimits.DEFAULT);
  }

  static ExecutionWitness parse(final String witnessJson, final WitnessLimits limits) {
    return parseBody("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + witnessJson + "}", limits);
  }

  static ExecutionWitness parseBody(final String body, final WitnessLimits limits) {
    try {
      return new WitnessResponseReader(limits)
          .read(
              new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
              "debug_executionWitness",
              7);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry of {@code parsed} equals the hex string at the same index of {@code json}. */
  static void assertSameEntries(final WitnessEntries parsed, final JsonNode json) {
    assertThat(parsed.size()).isEqualTo(json.size());
    long total = 0;
    for (int i = 0; i < json.size(); i++) {
      final byte[] expected = Hex.decode(json.get(i).asString());
      assertThat(parsed.get(i)).as("entry %d", i).isEqualTo(expected);
      total += expected.length;
    }
    assertThat(parsed.totalBytes()).isEqualTo(total);
  }
}
