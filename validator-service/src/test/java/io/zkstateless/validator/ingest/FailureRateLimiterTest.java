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

  @Test
  void rotatingIdentitiesHoldBucketsOnlyUntilTheyRefill() {
    final FailureRateLimiter limiter = new FailureRateLimiter(5, 20, 1000, 10_000);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.allows("honest-" + i, T0)).isTrue();
    }
    assertThat(limiter.trackedSources()).as("sources that never failed hold nothing").isZero();
    // A Sybil with a fresh identity every 2 s, each failing 25 times: its burst of 20 refills in 4 s.
    for (int second = 0; second < 600; second += 2) {
      final Instant now = T0.plusSeconds(second);
      for (int i = 0; i < 25; i++) {
        limiter.recordFailure("sybil-" + second, now);
      }
      assertThat(limiter.allows("sybil-" + second, now)).isFalse();
      assertThat(limiter.trackedSources()).isLessThanOrEqualTo(4);
    }
  }
}
