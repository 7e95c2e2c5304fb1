package io.zkstateless.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Tampered fixtures, malformed blocks, garbage files and usage errors. */
class EestStatelessInputCheckFailureTest {

  private static final String HEADERS = "witness_headers_max_wins_across_multiple_transactions";

  @TempDir Path dir;

  @Test
  void aFlippedInputByteIsAMismatchNamingItsOffsetAndField() throws IOException {
    final Path tampered =
        replaceInBlock(HEADERS, 2, "statelessInputBytes", flipByte(HEADERS, 2, 40));

    final CommandRun run = CommandRun.of(tampered.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_MISMATCH);
    assertThat(run.lines())
        .hasSize(6)
        .allSatisfy(line -> assertThat(line).matches(CommandRun.LINE));
    for (int index = 0; index < 6; index++) {
      assertThat(run.lines().get(index)).endsWith(index == 2 ? " MISMATCH" : " match");
    }
    // The built input is still reported: only the fixture's copy was changed.
    assertThat(run.lines().get(2)).doesNotContain(" - ");
    // new_payload_request starts at 20; its execution_payload and versioned_hashes offsets take
    // 8 bytes, so byte 40 is byte 12 of parent_beacon_block_root.
    assertThat(run.err())
        .contains(
            "block 2: stateless input differs at offset 40 in"
                + " StatelessInput.new_payload_request.parent_beacon_block_root +12"
                + " (built 3521 bytes, fixture 3521)");
  }

  @Test
  void aFlippedByteDeepInTheWitnessIsLocatedInIt() throws IOException {
    final int last = inputLength(HEADERS, 5) - 1;
    final Path tampered =
        replaceInBlock(HEADERS, 5, "statelessInputBytes", flipByte(HEADERS, 5, last));

    final CommandRun run = CommandRun.of(tampered.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_MISMATCH);
    assertThat(run.lines().get(5)).endsWith(" MISMATCH");
    // The encoding ends with the witness headers; its last byte is the last header's last byte.
    final JsonNode headers =
        Fixtures.eestFixture(HEADERS).get("blocks").get(5).get("executionWitness").get("headers");
    final int lastHeaderSize = (headers.get(headers.size() - 1).asString().length() - 2) / 2;
    assertThat(run.err())
        .contains(
            "block 5: stateless input differs at offset "
                + last
                + " in StatelessInput.witness.headers["
                + (headers.size() - 1)
                + "] +"
                + (lastHeaderSize - 1));
  }

  @Test
  void aRootTheOutputDoesNotCommitToIsAMismatch() throws IOException {
    final String output = original(HEADERS, 0, "statelessOutputBytes");
    final String otherRoot = "0x" + "00".repeat(32) + output.substring(2 + 64);
    final Path tampered = replaceInBlock(HEADERS, 0, "statelessOutputBytes", otherRoot);

    final CommandRun run = CommandRun.of(tampered.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_MISMATCH);
    assertThat(run.lines().get(0))
        .contains(" " + output.substring(0, 66) + " ")
        .endsWith(" MISMATCH");
    assertThat(run.err()).contains("statelessOutputBytes commits to 0x" + "00".repeat(32));
  }

  @Test
  void aBlockThatCannotBeBuiltIsAMismatchLineAndTheOthersAreStillChecked() throws IOException {
    final Path tampered = replaceInBlock(HEADERS, 1, "rlp", "0xzz");

    final CommandRun run = CommandRun.of(tampered.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_MISMATCH);
    assertThat(run.lines()).hasSize(6);
    assertThat(run.lines().get(1)).matches(CommandRun.LINE).endsWith(" 1 2 - - MISMATCH");
    assertThat(run.lines().get(2)).endsWith(" match");
    assertThat(run.err())
        .contains("block 1: cannot build the stateless input: blocks[1].rlp: Invalid hex");
  }

  @Test
  void aBlockWithoutItsInputBytesIsAMismatch() throws IOException {
    final String json = RecordedFixtureFiles.json("witness_codes_nested_calls");
    final Path file =
        Files.writeString(
            dir.resolve("no-input.json"),
            json.replace("\"statelessInputBytes\"", "\"somethingElse\""));

    final CommandRun run = CommandRun.of(file.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_MISMATCH);
    assertThat(run.lines()).singleElement().asString().endsWith(" 0 1 - - MISMATCH");
    assertThat(run.err()).contains("blocks[0].statelessInputBytes: missing");
  }

  @Test
  void aTestNameWithWhitespaceStaysOneField() throws IOException {
    final String json = RecordedFixtureFiles.json("witness_codes_nested_calls");
    final Path file =
        Files.writeString(
            dir.resolve("spaced.json"), json.replace("\"tests/amsterdam/", "\"my test\\t50%/"));

    final CommandRun run = CommandRun.of(file.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_ALL_MATCH);
    assertThat(run.lines())
        .singleElement()
        .asString()
        .matches(CommandRun.LINE)
        .startsWith("my%20test%0950%25/eip8025_optional_proofs/");
  }

  @Test
  void garbageIsUnreadableWithAMessage() throws IOException {
    final Path garbage = Files.write(dir.resolve("garbage.json"), new byte[] {0, 1, 2, 3, 'x'});

    final CommandRun run = CommandRun.of(garbage.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_UNUSABLE);
    assertThat(run.lines()).isEmpty();
    assertThat(run.err()).startsWith("unreadable fixture " + garbage + ": not JSON");
  }

  @Test
  void truncatedGzipIsUnreadable() throws IOException {
    final Path gzip = RecordedFixtureFiles.write(dir, "witness_codes_nested_calls", true);
    final byte[] bytes = Files.readAllBytes(gzip);
    final Path truncated = Files.write(dir.resolve("truncated.json.gz"), Arrays.copyOf(bytes, 100));

    final CommandRun run = CommandRun.of(truncated.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_UNUSABLE);
    assertThat(run.err()).contains("not valid gzip");
  }

  @Test
  void jsonThatIsNotAnObjectOfBlockchainTestsIsUnreadable() throws IOException {
    final Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    final Path noBlocks = Files.writeString(dir.resolve("state.json"), "{\"t\": {\"config\": {}}}");

    assertThat(CommandRun.of(array.toString()).err()).contains("top level is not an object");
    assertThat(CommandRun.of(noBlocks.toString()).err())
        .contains("test t is not a blockchain test");
    assertThat(CommandRun.of(noBlocks.toString()).status())
        .isEqualTo(EestStatelessInputCheck.EXIT_UNUSABLE);
  }

  @Test
  void anUnreadableFileWinsOverMatchesButTheOthersAreStillChecked() throws IOException {
    final Path good = RecordedFixtureFiles.write(dir, "witness_codes_nested_calls", true);

    final CommandRun run = CommandRun.of(dir.resolve("absent.json").toString(), good.toString());

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_UNUSABLE);
    assertThat(run.lines()).singleElement().asString().endsWith(" match");
    assertThat(run.err()).contains("absent.json: not a regular file");
  }

  @Test
  void usageErrorsExitWithTwo() {
    final CommandRun none = CommandRun.of();
    final CommandRun option = CommandRun.of("--verbose");

    assertThat(none.status()).isEqualTo(EestStatelessInputCheck.EXIT_UNUSABLE);
    assertThat(none.err()).startsWith("usage: ");
    assertThat(option.status()).isEqualTo(EestStatelessInputCheck.EXIT_UNUSABLE);
    assertThat(option.err()).startsWith("unknown option --verbose");
  }

  private static int inputLength(final String name, final int block) {
    return (original(name, block, "statelessInputBytes").length() - 2) / 2;
  }

  private String flipByte(final String name, final int block, final int offset) {
    final byte[] input =
        HexFormat.of().parseHex(original(name, block, "statelessInputBytes").substring(2));
    input[offset] ^= 0x01;
    return "0x" + HexFormat.of().formatHex(input);
  }

  private static String original(final String name, final int block, final String field) {
    return Fixtures.eestFixture(name).get("blocks").get(block).get(field).asString();
  }

  /** A copy of the fixture with one block's string field replaced (the value occurs once). */
  private Path replaceInBlock(
      final String name, final int block, final String field, final String replacement)
      throws IOException {
    final String json = RecordedFixtureFiles.json(name);
    final String value = "\"" + original(name, block, field) + "\"";
    assertThat(json.indexOf(value)).isEqualTo(json.lastIndexOf(value)).isPositive();
    return Files.writeString(
        dir.resolve(name + "-tampered.json"), json.replace(value, "\"" + replacement + "\""));
  }
}
