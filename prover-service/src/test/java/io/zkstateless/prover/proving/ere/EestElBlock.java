package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.tools.EestBlockAccessLists;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestFixtureFile;
import io.zkstateless.tools.UnreadableFixtureException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real EEST zkevm v0.3.3 block served the way an Amsterdam execution client serves it: {@code
 * debug_getRawBlock} (the fixture's {@code rlp}), {@code debug_executionWitness} (its {@code
 * executionWitness}), {@code debug_getRawBlockAccessList} (its {@code blockAccessList}, RLP-encoded
 * by the tools' encoder, which is checked against the header) and {@code debug_chainConfig} with
 * the fixture's chain id.
 */
public record EestElBlock(EestFixtureBlock block, Bytes32 hash, String accessListHex) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Block {@code index} of the first test in EEST fixture {@code name}. */
  public static EestElBlock load(final String name, final int index) {
    try {
      final var tests =
          EestFixtureFile.parse(Fixtures.bytes("fixtures/eest/" + name + ".json.gz"), name);
      final EestFixtureBlock block = EestFixtureBlock.of(tests.getFirst(), index);
      final Bytes32 hash =
          Bytes32.fromHex(block.json().path("blockHeader").path("hash").asString());
      return new EestElBlock(
          block, hash, Hex.encode(EestBlockAccessLists.rlp(block.blockAccessList())));
    } catch (final UnreadableFixtureException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves everything but the access list (for the tests of a client that lacks it). */
  public FixtureExecutionClient serveWithoutAccessList(final FixtureExecutionClient el) {
    final JsonNode header =
        JSON.readTree(
            "{\"hash\":\""
                + hash.toHexString()
                + "\",\"number\":\"0x"
                + Long.toHexString(block.number())
                + "\"}");
    el.serve(
        FixtureBlock.of(
            header, Hex.encode(block.blockRlp()), block.json().path("executionWitness")));
    return el.chainConfig(JSON.readTree("{\"chainId\":" + block.chainId() + "}"));
  }

  public FixtureExecutionClient serveOn(final FixtureExecutionClient el) {
    return serveWithoutAccessList(el).serveBlockAccessList(hash.toHexString(), accessListHex);
  }
}
