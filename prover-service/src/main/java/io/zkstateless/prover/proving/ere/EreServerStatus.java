package io.zkstateless.prover.proving.ere;

import java.time.Instant;
import java.util.Optional;

/**
 * What the last {@code ProgramVk} probe of an ere-server found.
 *
 * @param reachable whether the server answered {@code ProgramVk} with a verifying key
 * @param programVkSha256 SHA-256 (hex) of the served program's encoded verifying key, if known
 * @param expectedProgram false only when a vk was expected and another one is served
 * @param problem why the server is unusable, if it is
 * @param checkedAt when the probe ran ({@link Instant#EPOCH}: never)
 */
public record EreServerStatus(
    boolean reachable,
    Optional<String> programVkSha256,
    boolean expectedProgram,
    Optional<String> problem,
    Instant checkedAt) {

  static final EreServerStatus UNKNOWN =
      new EreServerStatus(
          false, Optional.empty(), true, Optional.of("not probed yet"), Instant.EPOCH);

  /** Whether jobs should go to this server: it answered and serves the expected program. */
  public boolean usable() {
    return reachable && expectedProgram;
  }
}
