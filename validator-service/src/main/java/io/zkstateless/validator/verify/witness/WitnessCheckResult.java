package io.zkstateless.validator.verify.witness;

import java.util.Objects;

/** The outcome of {@link WitnessIntegrityChecker#check}. */
public sealed interface WitnessCheckResult {

  /** The key-walk counts; partial when the check failed part-way through the walks. */
  KeyWalkStats stats();

  /** Every check passed. */
  record Passed(KeyWalkStats stats) implements WitnessCheckResult {

    public Passed {
      Objects.requireNonNull(stats, "stats");
    }
  }

  /** The first check that failed, and why. */
  record Failed(String reason, KeyWalkStats stats) implements WitnessCheckResult {

    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stats, "stats");
    }
  }
}
