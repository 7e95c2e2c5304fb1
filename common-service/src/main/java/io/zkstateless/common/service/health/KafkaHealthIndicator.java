package io.zkstateless.common.service.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness on the Kafka broker: DOWN when the cluster cannot be described within the timeout or
 * reports no broker. The answer is cached for a few seconds so frequent probes (Kubernetes, load
 * balancers) cost at most one metadata request per period and never pile up on a dead broker.
 */
public class KafkaHealthIndicator implements HealthIndicator {

  private final BrokerProbe probe;
  private final Clock clock;
  private final Duration timeout;
  private final Duration cacheFor;
  private Health cached;
  private Instant checkedAt = Instant.MIN;

  public KafkaHealthIndicator(
      final BrokerProbe probe, final Clock clock, final Duration timeout, final Duration cacheFor) {
    this.probe = probe;
    this.clock = clock;
    this.timeout = timeout;
    this.cacheFor = cacheFor;
  }

  @Override
  public synchronized Health health() {
    final Instant now = clock.instant();
    if (cached == null || !now.isBefore(checkedAt.plus(cacheFor))) {
      cached = check().withDetail("checkedAt", now.toString()).build();
      checkedAt = now;
    }
    return cached;
  }

  private Health.Builder check() {
    try {
      final int brokers = probe.brokers(timeout);
      return brokers > 0 ? Health.up().withDetail("brokers", brokers) : Health.down().withDetail("brokers", 0);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down().withDetail("error", "interrupted");
    } catch (final Exception e) {
      final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return Health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
  }
}
