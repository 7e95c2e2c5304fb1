package io.zkstateless.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** One in-process run of {@link EestStatelessInputCheck}: its exit status, stdout and stderr. */
record CommandRun(int status, String out, String err) {

  /** {@code <test> <index> <number> <root> <sha256> <match|MISMATCH>}, nothing else. */
  static final Pattern LINE =
      Pattern.compile(
          "(\\S+) (\\d+) (\\d+|-) (0x[0-9a-f]{64}|-) (0x[0-9a-f]{64}|-) (match|MISMATCH)");

  static CommandRun of(final String... args) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status =
        EestStatelessInputCheck.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  List<String> lines() {
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }
}
