package io.zkstateless.tools;

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

  /** {@code <test> <index> <number> <root> <sha256> <match|MISMATCH>}. */
  public String line() {
    return String.join(
        " ", test, Integer.toString(index), number, root, sha256, matches() ? "match" : "MISMATCH");
  }
}
