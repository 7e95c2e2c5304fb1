package io.zkstateless.common.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** One broker state per test, on a probe the test controls and a clock it moves. */
class KafkaHealthIndicatorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CACHE = Duration.ofSeconds(5);

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
  private final AtomicInteger probes = new AtomicInteger();
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private KafkaHealthIndicator indicator(final BrokerProbe probe) {
    return new KafkaHealthIndicator(timeout -> {
      probes.incrementAndGet();
      assertThat(timeout).isEqualTo(TIMEOUT);
      return probe.brokers(timeout);
    }, clock, TIMEOUT, CACHE);
  }

  @Test
  void reachableBrokersAreUp() {
    final Health health = indicator(timeout -> 3).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("brokers", 3);
  }

  @Test
  void anUnreachableBrokerIsDownWithTheCause() {
    final Health health = indicator(timeout -> {
      throw new ExecutionException(new TimeoutException("Timed out waiting for a node assignment"));
    }).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("error").toString())
        .isEqualTo("TimeoutException: Timed out waiting for a node assignment");
  }

  @Test
  void aClusterWithoutBrokersIsDown() {
    assertThat(indicator(timeout -> 0).health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void theAnswerIsCachedSoProbesStayCheapAndAFailureShowsAfterTheCachePeriod() {
    final AtomicInteger brokers = new AtomicInteger(1);
    final KafkaHealthIndicator indicator = indicator(timeout -> {
      if (brokers.get() == 0) {
        throw new IllegalStateException("connection refused");
      }
      return brokers.get();
    });
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    brokers.set(0);
    now.set(now.get().plus(CACHE.minusMillis(1)));
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    assertThat(probes).hasValue(1);
    now.set(now.get().plusMillis(1));
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(probes).hasValue(2);
  }
}
