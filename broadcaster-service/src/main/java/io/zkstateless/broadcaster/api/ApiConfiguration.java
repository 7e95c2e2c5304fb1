package io.zkstateless.broadcaster.api;

import io.zkstateless.broadcaster.config.BroadcasterProperties;
import io.zkstateless.broadcaster.retry.DeadLetters;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.service.admin.AdminTokenFilter;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class ApiConfiguration {

  @Bean
  AdminTokenFilter adminTokenFilter(final AdminProperties admin) {
    return new AdminTokenFilter(admin.adminToken());
  }

  @Bean
  DeadLetters deadLetters(
      final KafkaProperties kafka,
      final KafkaTemplate<String, Object> broadcasterKafkaTemplate,
      final ExecutionProofSchema schema,
      final BroadcasterProperties config) {
    return new DeadLetters(
        kafka.buildConsumerProperties(),
        broadcasterKafkaTemplate,
        schema,
        config.kafka().deadLetterTopic(),
        config.kafka().proofsTopic(),
        Duration.ofSeconds(10));
  }
}
