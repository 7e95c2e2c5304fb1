package io.zkstateless.tools;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking one block: the fields of its report line and, on a mismatch, why. {@code
 * root} and {@code sha256} are {@code -} when the input could not be built; {@code number} is
 * {@code -} when even the block number is unreadable.
 */
public record BlockVerdict(
    String test, int index, String number, String root, String sha256, Optional<String> problem) {

  static final String UNKNOWN = "-";

  public BlockVerdict {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(problem, "problem");
  }

  public boolean matches() {
    return problem.isEmpty();
  }

  /**
   * {@code <test> <index> <number> <root> <sha256> <match|MISMATCH>}, always six fields: the test
   * name is {@linkplain #field escaped}.
   */
  public String line() {
    final String verdict = matches() ? "match" : "MISMATCH";
    return String.join(" ", field(test), Integer.toString(index), number, root, sha256, verdict);
  }

  /**
   * A test name as one whitespace-free field: {@code %}, whitespace and control characters are
   * percent-encoded (UTF-8), the empty name is {@code -}. EEST names contain none of these, so they
   * print unchanged.
   */
  static String field(final String name) {
    if (name.isEmpty()) {
      return UNKNOWN;
    }
    final StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            c -> {
              if (c == '%'
                  || Character.isWhitespace(c)
                  || Character.isISOControl(c)
                  || Character.isSpaceChar(c)) {
                for (final byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(String.format("%02X", b & 0xff));
                }
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
