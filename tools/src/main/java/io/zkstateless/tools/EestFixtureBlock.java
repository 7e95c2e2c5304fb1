package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.test.Fixtures;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Every block of every recorded EEST zkevm fixture, with what the test needs from its JSON. */
record EestFixtureBlock(
    String fixture,
    int index,
    long chainId,
    byte[] blockRlp,
    JsonNode blockAccessList,
    ExecutionWitness witness,
    byte[] statelessInputBytes,
    byte[] statelessOutputBytes,
    JsonNode json) {

  static List<EestFixtureBlock> all() {
    final List<EestFixtureBlock> blocks = new ArrayList<>();
    for (final String name : Fixtures.EEST) {
      final JsonNode test = Fixtures.eestFixture(name);
      final long chainId = Long.decode(test.get("config").get("chainid").asString());
      int index = 0;
      for (final JsonNode block : test.get("blocks")) {
        blocks.add(
            new EestFixtureBlock(
                name,
                index++,
                chainId,
                Hex.decode(block.get("rlp").asString()),
                block.get("blockAccessList"),
                witness(block.get("executionWitness")),
                Hex.decode(block.get("statelessInputBytes").asString()),
                Hex.decode(block.get("statelessOutputBytes").asString()),
                block));
      }
    }
    return blocks;
  }

  private static ExecutionWitness witness(final JsonNode json) {
    return new ExecutionWitness(
        hexList(json.get("state")), hexList(json.get("codes")), List.of(), hexList(json.get("headers")));
  }

  private static List<ImmutableBytes> hexList(final JsonNode array) {
    final List<ImmutableBytes> out = new ArrayList<>();
    for (final JsonNode item : array) {
      out.add(ImmutableBytes.fromHex(item.asString()));
    }
    return out;
  }

  @Override
  public String toString() {
    return fixture + " block " + (index + 1);
  }
}
