package io.zkstateless.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Runs the command in-process on every recorded EEST fixture: every block must match. */
class EestStatelessInputCheckTest {

  /** Blocks across the eight recorded fixtures (1 + 1 + 6 + 1 + 1 + 1 + 3 + 1). */
  private static final int RECORDED_BLOCKS = 15;

  @TempDir Path dir;

  @Test
  void everyRecordedBlockMatches() throws IOException {
    final CommandRun run =
        CommandRun.of(RecordedFixtureFiles.all(dir, true).toArray(String[]::new));

    assertThat(run.status()).isEqualTo(EestStatelessInputCheck.EXIT_ALL_MATCH);
    assertThat(run.err()).isEmpty();
    assertThat(run.lines())
        .hasSize(RECORDED_BLOCKS)
        .allSatisfy(line -> assertThat(line).matches(CommandRun.LINE).endsWith(" match"));
  }

  @Test
  void aLineNamesTheTestTheBlockItsRootAndTheInputDigest() throws IOException {
    final String name = "witness_headers_max_wins_across_multiple_transactions";
    final JsonNode fixture = Fixtures.eestFixture(name);

    final CommandRun run = CommandRun.of(RecordedFixtureFiles.write(dir, name, false).toString());

    assertThat(run.lines()).hasSize(fixture.get("blocks").size());
    for (int index = 0; index < run.lines().size(); index++) {
      final JsonNode block = fixture.get("blocks").get(index);
      final Matcher line = CommandRun.LINE.matcher(run.lines().get(index));
      assertThat(line.matches()).isTrue();
      assertThat(line.group(1))
          .startsWith("tests/amsterdam/eip8025_optional_proofs/")
          .contains("::test_" + name + "[");
      assertThat(line.group(2)).isEqualTo(Integer.toString(index));
      assertThat(line.group(3)).isEqualTo(block.get("blocknumber").asString());
      assertThat(line.group(4))
          .isEqualTo(block.get("statelessOutputBytes").asString().substring(0, 2 + 64));
      assertThat(line.group(5)).isEqualTo(sha256Hex(block.get("statelessInputBytes").asString()));
    }
  }

  @Test
  void readsPlainAndGzipFilesAlike() throws IOException {
    final String name = "witness_codes_nested_calls";

    final CommandRun plain = CommandRun.of(RecordedFixtureFiles.write(dir, name, false).toString());
    final CommandRun gzip = CommandRun.of(RecordedFixtureFiles.write(dir, name, true).toString());

    assertThat(plain.status()).isZero();
    assertThat(plain.lines()).isNotEmpty().isEqualTo(gzip.lines());
  }

  @Test
  void checksEveryTestOfAFileThatHoldsSeveral() throws IOException {
    final String first = RecordedFixtureFiles.json("witness_codes_nested_calls").strip();
    final String second = RecordedFixtureFiles.json("witness_codes_delegation_chain").strip();
    // Two one-test objects merged into one: {"a": ..., "b": ...}.
    final String merged = first.substring(0, first.length() - 1) + "," + second.substring(1);
    final Path file = Files.writeString(dir.resolve("two-tests.json"), merged);

    final CommandRun run = CommandRun.of(file.toString());

    assertThat(run.status()).isZero();
    assertThat(run.lines()).hasSize(2);
    assertThat(run.lines().get(0)).contains("test_witness_codes_nested_calls[");
    assertThat(run.lines().get(1)).contains("test_witness_codes_delegation_chain[");
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    final CommandRun run = CommandRun.of("--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("usage: ");
  }

  private static String sha256Hex(final String hex) {
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      final byte[] digest = sha256.digest(HexFormat.of().parseHex(hex.substring(2)));
      return "0x" + HexFormat.of().formatHex(digest);
    } catch (final NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
