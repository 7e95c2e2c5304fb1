package io.zkstateless.tools;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.witness.ExecutionWitness;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One block of an EEST zkEVM fixture, with the values the stateless input is built from and the
 * bytes it is compared with. {@code index} is the block's 0-based position in the test's {@code
 * blocks} array; {@code number} is its block number ({@code blockHeader.number}).
 */
public record EestFixtureBlock(
    String source,
    String test,
    int index,
    long number,
    long chainId,
    byte[] blockRlp,
    JsonNode blockAccessList,
    ExecutionWitness witness,
    byte[] statelessInputBytes,
    byte[] statelessOutputBytes,
    JsonNode json) {

  /**
   * Reads block {@code index} of {@code test}.
   *
   * @throws MalformedFixtureException if a value the input is built from is missing or malformed
   */
  public static EestFixtureBlock of(final EestTest test, final int index) {
    final String path = "blocks[" + index + "]";
    final JsonNode block = test.blocks().get(index);
    final long chainId =
        EestJson.longQuantity(EestJson.field(test.config(), "chainid", "config"), "config.chainid");
    return new EestFixtureBlock(
        test.source(),
        test.name(),
        index,
        number(block, path),
        chainId,
        EestJson.bytes(EestJson.field(block, "rlp", path), path + ".rlp"),
        EestJson.array(block, "blockAccessList", path),
        witness(EestJson.field(block, "executionWitness", path), path + ".executionWitness"),
        EestJson.bytes(
            EestJson.field(block, "statelessInputBytes", path), path + ".statelessInputBytes"),
        EestJson.bytes(
            EestJson.field(block, "statelessOutputBytes", path), path + ".statelessOutputBytes"),
        block);
  }

  /** Every block of every test, in file order. */
  public static List<EestFixtureBlock> all(final List<EestTest> tests) {
    final List<EestFixtureBlock> blocks = new ArrayList<>();
    for (final EestTest test : tests) {
      for (int index = 0; index < test.blocks().size(); index++) {
        blocks.add(of(test, index));
      }
    }
    return blocks;
  }

  /** The block number, read even when the rest of the block is malformed, for the report line. */
  static long number(final JsonNode block, final String path) {
    final JsonNode header = EestJson.field(block, "blockHeader", path);
    return EestJson.longQuantity(
        EestJson.field(header, "number", path + ".blockHeader"), path + ".blockHeader.number");
  }

  private static ExecutionWitness witness(final JsonNode json, final String path) {
    return new ExecutionWitness(
        hexList(json, "state", path),
        hexList(json, "codes", path),
        List.of(),
        hexList(json, "headers", path));
  }

  private static List<ImmutableBytes> hexList(
      final JsonNode parent, final String name, final String path) {
    final List<ImmutableBytes> out = new ArrayList<>();
    int i = 0;
    for (final JsonNode item : EestJson.array(parent, name, path)) {
      out.add(ImmutableBytes.of(EestJson.bytes(item, path + "." + name + "[" + i++ + "]")));
    }
    return out;
  }

  @Override
  public String toString() {
    return source + " " + test + " block " + index;
  }
}
