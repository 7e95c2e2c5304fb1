package io.zkstateless.common.test.el;

import io.zkstateless.common.test.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One block the {@link FixtureExecutionClient} knows: its {@code eth_getBlockByHash} object, its
 * raw RLP (may be absent) and a writer for its witness {@code result} JSON, which may be generated
 * on the fly so huge witnesses never exist in memory.
 */
public record FixtureBlock(
    String hash, long number, JsonNode block, String rawBlock, ResultWriter witness) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Writes a JSON value (the witness result) to the response body. */
  @FunctionalInterface
  public interface ResultWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A recorded real fixture from {@link Fixtures#WITNESSES}, served byte for byte. */
  public static FixtureBlock recorded(final String fixtureName) {
    final JsonNode fixture = Fixtures.witnessFixture(fixtureName);
    return of(fixture.path("block"), textOrNull(fixture.path("rawBlock")), fixture.path("witness"));
  }

  /** A block with the given witness result object (for synthesized shapes). */
  public static FixtureBlock of(
      final JsonNode block, final String rawBlock, final JsonNode witness) {
    final byte[] witnessJson = JSON.writeValueAsBytes(witness);
    return new FixtureBlock(
        block.path("hash").asString(),
        Long.decode(block.path("number").asString()),
        block,
        rawBlock,
        out -> out.write(witnessJson));
  }

  /** A block whose witness result is streamed by {@code writer}, never held whole. */
  public static FixtureBlock streamed(
      final String hash, final long number, final ResultWriter writer) {
    final JsonNode block =
        JSON.readTree(
            ("{\"hash\":\"" + hash + "\",\"number\":\"0x" + Long.toHexString(number) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    return new FixtureBlock(hash, number, block, null, writer);
  }

  private static String textOrNull(final JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
