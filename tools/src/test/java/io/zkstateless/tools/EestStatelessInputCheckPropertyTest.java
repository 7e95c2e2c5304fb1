package io.zkstateless.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Fixtures the command has never seen must not crash it: arbitrary bytes are unreadable, and a
 * recorded fixture with one character changed anywhere still gives one of the three exit codes,
 * with a well-formed line for every block when the JSON still parses.
 */
class EestStatelessInputCheckPropertyTest {

  private static final String NESTED = RecordedFixtureFiles.json("witness_codes_nested_calls");

  /** Changes land in the {@code blocks} array, where the builders read, not in pre/post state. */
  private static final int BLOCKS_START = NESTED.indexOf("\"blocks\"");

  @Property(tries = 300)
  void arbitraryBytesAreUnreadableOrTests(@ForAll final byte[] bytes) {
    assertThatCode(
            () -> {
              try {
                EestFixtureFile.parse(bytes, "arbitrary");
              } catch (final UnreadableFixtureException expected) {
                // the one documented failure
              }
            })
        .doesNotThrowAnyException();
  }

  @Property(tries = 200)
  void oneChangedCharacterNeverCrashesTheCommand(
      @ForAll @IntRange(min = 0, max = 1 << 20) final int position,
      @ForAll("jsonCharacters") final char replacement)
      throws IOException {
    final StringBuilder json = new StringBuilder(NESTED);
    json.setCharAt(BLOCKS_START + position % (json.length() - BLOCKS_START), replacement);
    final Path file = Files.createTempFile("eest-mutated", ".json");
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);

      final CommandRun run = CommandRun.of(file.toString());
      Statistics.collect("exit " + run.status());

      assertThat(run.status()).isIn(Set.of(0, 1, 2));
      assertThat(run.lines()).allSatisfy(line -> assertThat(line).matches(CommandRun.LINE));
      if (run.status() == EestStatelessInputCheck.EXIT_MISMATCH) {
        assertThat(run.err()).contains("MISMATCH ").doesNotContain("a bug in the builder");
      }
    } finally {
      Files.delete(file);
    }
  }

  /** Characters that keep JSON plausible often enough to reach the builders: hex, quotes, x. */
  @Provide
  Arbitrary<Character> jsonCharacters() {
    return Arbitraries.of('0', '1', '7', 'f', 'g', 'x', '"', ',', ':', '[', ']', ' ');
  }
}
