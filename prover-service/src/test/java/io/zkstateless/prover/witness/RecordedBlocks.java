package io.zkstateless.prover.witness;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.FixtureBlock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Recorded fixtures loaded once per test JVM (each is megabytes of gzip'd JSON). */
final class RecordedBlocks {

  private static final Map<String, FixtureBlock> BLOCKS = new ConcurrentHashMap<>();
  private static final Map<String, JsonNode> FIXTURES = new ConcurrentHashMap<>();

  private RecordedBlocks() {}

  static FixtureBlock block(final String name) {
    return BLOCKS.computeIfAbsent(
        name,
        n -> {
          final JsonNode fixture = fixture(n);
          final JsonNode raw = fixture.path("rawBlock");
          return FixtureBlock.of(
              fixture.path("block"),
              raw.isMissingNode() ? null : raw.asString(),
              fixture.path("witness"));
        });
  }

  static JsonNode fixture(final String name) {
    return FIXTURES.computeIfAbsent(name, Fixtures::witnessFixture);
  }

  static Bytes32 hash(final String name) {
    return Bytes32.fromHex(block(name).hash());
  }
}
