package io.zkstateless.prover.config;

import io.zkstateless.common.service.health.AdminClientBrokerProbe;
import io.zkstateless.common.service.health.KafkaHealthIndicator;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Readiness on the Kafka broker (bean name {@code kafka} in the readiness group): without it a
 * broker outage left readiness UP while nothing could be published (docs/reliability.md).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaHealthConfiguration {

  /** Short enough for a probe's own timeout; answers are cached so probes never pile up. */
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration KAFKA_CACHE = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  AdminClientBrokerProbe kafkaBrokerProbe(final KafkaAdmin admin) {
    return new AdminClientBrokerProbe(admin.getConfigurationProperties(), KAFKA_TIMEOUT);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(final AdminClientBrokerProbe kafkaBrokerProbe) {
    return new KafkaHealthIndicator(kafkaBrokerProbe, Clock.systemUTC(), KAFKA_TIMEOUT, KAFKA_CACHE);
  }
}
