package io.zkstateless.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the EIP-8025 stateless input this project builds against EEST zkEVM blockchain fixtures.
 * For every block of every test of every file given, prints one line:
 *
 * <pre>
 * {@code <test name> <block index> <block number> <new_payload_request_root> <sha256> <match|MISMATCH>}
 * </pre>
 *
 * <p>The test name is the file's top-level key; the block index is 0-based, the block's position in
 * the test's {@code blocks} array; root and SHA-256 (of the built input bytes) are {@code 0x}-hex,
 * or {@code -} when the input could not be built. Why a block mismatched goes to stderr. Exit
 * status: 0 when every block matches, 1 when one does not, 2 on a usage error or an unreadable file
 * (which wins over 1; the other files are still checked).
 */
public final class EestStatelessInputCheck {

  public static final int EXIT_ALL_MATCH = 0;
  public static final int EXIT_MISMATCH = 1;
  public static final int EXIT_UNUSABLE = 2;

  static final String USAGE =
      "usage: java -jar tools.jar <fixture.json | fixture.json.gz>...\n"
          + "  prints <test> <block index, 0-based> <block number> <request root> <sha256 of input>"
          + " <match|MISMATCH> per block;\n"
          + "  exit 0: all match, 1: a mismatch, 2: usage error or unreadable file";

  private EestStatelessInputCheck() {}

  public static void main(final String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole command, with its streams passed in so that tests can run it in-process. */
  public static int run(final String[] args, final PrintStream out, final PrintStream err) {
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
      out.println(USAGE);
      return EXIT_ALL_MATCH;
    }
    if (args.length == 0) {
      err.println(USAGE);
      return EXIT_UNUSABLE;
    }
    for (final String arg : args) {
      if (arg.startsWith("-")) {
        err.println("unknown option " + arg);
        err.println(USAGE);
        return EXIT_UNUSABLE;
      }
    }
    int status = EXIT_ALL_MATCH;
    for (final String arg : args) {
      status = Math.max(status, checkFile(Path.of(arg), out, err));
    }
    out.flush();
    return status;
  }

  private static int checkFile(final Path path, final PrintStream out, final PrintStream err) {
    final List<EestTest> tests;
    try {
      tests = EestFixtureFile.read(path);
    } catch (final UnreadableFixtureException e) {
      err.println("unreadable fixture " + e.getMessage());
      return EXIT_UNUSABLE;
    }
    int status = EXIT_ALL_MATCH;
    for (final EestTest test : tests) {
      for (int index = 0; index < test.blocks().size(); index++) {
        final BlockVerdict verdict = BlockChecker.check(test, index);
        out.println(verdict.line());
        if (!verdict.matches()) {
          status = EXIT_MISMATCH;
          err.println(
              "MISMATCH " + test.name() + " block " + index + ": " + verdict.problem().get());
        }
      }
    }
    return status;
  }
}
