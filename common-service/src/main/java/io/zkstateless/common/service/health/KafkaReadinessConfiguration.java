package io.zkstateless.common.service.health;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Readiness on the Kafka broker, the same in every service (bean name {@code kafka}, which each
 * service lists in its readiness group): without it a broker outage left a prover that could
 * publish nothing and a broadcaster that could consume nothing "ready" (docs/reliability.md).
 * Services {@code @Import} it.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaReadinessConfiguration {

  /** Short enough for a probe's own timeout (Kubernetes' default is 1 s a try; we answer from cache). */
  public static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
  /** Answers are cached so that probes never pile up on a slow broker. */
  public static final Duration KAFKA_CACHE = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  AdminClientBrokerProbe kafkaBrokerProbe(final KafkaAdmin admin) {
    return new AdminClientBrokerProbe(admin.getConfigurationProperties(), KAFKA_TIMEOUT);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(
      final AdminClientBrokerProbe kafkaBrokerProbe, final ObjectProvider<Clock> clock) {
    return new KafkaHealthIndicator(
        kafkaBrokerProbe, clock.getIfAvailable(Clock::systemUTC), KAFKA_TIMEOUT, KAFKA_CACHE);
  }
}
