package io.zkstateless.validator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failure budgets per source and in all; the global one binds only sources that failed. */
class FailureRateLimiterTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void aSourceIsLimitedByItsOwnBurstThenItsRate() {
    final FailureRateLimiter limiter = new FailureRateLimiter(1, 3, 100, 16);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.allows("a", T0)).isTrue();
      limiter.recordFailure("a", T0);
    }
    assertThat(limiter.allows("a", T0)).isFalse();
    assertThat(limiter.allows("a", T0.plusSeconds(1))).isTrue();
  }

  @Test
  void throwawayIdentitiesCannotSpendTheGlobalBudgetForCleanSources() {
    final FailureRateLimiter limiter = new FailureRateLimiter(1, 3, 2, 1024);
    // Sybils: each fails once; together they exhaust the global budget of 2.
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.allows("sybil-" + i, T0)).isTrue();
      limiter.recordFailure("sybil-" + i, T0);
    }
    assertThat(limiter.allows("sybil-0", T0)).as("a sybil that failed, global spent").isFalse();
    assertThat(limiter.allows("honest", T0)).as("a source that never failed").isTrue();
    limiter.recordFailure("honest", T0);
    assertThat(limiter.allows("honest", T0)).as("once it failed, the global budget binds").isFalse();
    assertThat(limiter.allows("honest", T0.plusSeconds(5))).isTrue();
  }
}
