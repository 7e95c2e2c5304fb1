package io.zkstateless.validator.health;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.service.health.KafkaReadinessConfiguration;
import io.zkstateless.validator.ingest.ConfiguredVerifiers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The readiness checks on Kafka (shared with the other services) and the verifiers (bean names are
 * the health component names).
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaReadinessConfiguration.class)
class HealthConfiguration {

  @Bean
  VerifiersHealthIndicator verifiersHealthIndicator(
      final ConfiguredVerifiers verifiers, final ProofTypeRegistry types) {
    return new VerifiersHealthIndicator(verifiers, types);
  }
}
