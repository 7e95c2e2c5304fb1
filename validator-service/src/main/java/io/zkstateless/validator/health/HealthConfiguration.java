package io.zkstateless.validator.health;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.service.health.AdminClientBrokerProbe;
import io.zkstateless.common.service.health.KafkaHealthIndicator;
import io.zkstateless.validator.ingest.ConfiguredVerifiers;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The readiness checks on Kafka and the verifiers (bean names are the health component names). */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  /** Short enough for a probe's own timeout (Kubernetes' default is 1 s per try, we answer from cache). */
  static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
  static final Duration KAFKA_CACHE = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  AdminClientBrokerProbe kafkaBrokerProbe(final KafkaAdmin admin) {
    return new AdminClientBrokerProbe(admin.getConfigurationProperties(), KAFKA_TIMEOUT);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(final AdminClientBrokerProbe kafkaBrokerProbe, final Clock clock) {
    return new KafkaHealthIndicator(kafkaBrokerProbe, clock, KAFKA_TIMEOUT, KAFKA_CACHE);
  }

  @Bean
  VerifiersHealthIndicator verifiersHealthIndicator(
      final ConfiguredVerifiers verifiers, final ProofTypeRegistry types) {
    return new VerifiersHealthIndicator(verifiers, types);
  }
}
