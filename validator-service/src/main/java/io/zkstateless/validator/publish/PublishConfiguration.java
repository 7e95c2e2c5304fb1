package io.zkstateless.validator.publish;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

  @Bean
  NewTopic provenBlocksTopic(@Value("${validator.kafka.proven-blocks-topic}") final String topic) {
    return TopicBuilder.name(topic).partitions(1).build();
  }

  @Bean
  ProvenBlocksPublisher provenBlocksPublisher(
      final KafkaTemplate<String, String> kafka,
      final JsonMapper json,
      @Value("${validator.kafka.proven-blocks-topic}") final String topic,
      final MeterRegistry registry) {
    return new ProvenBlocksPublisher(kafka, json, topic, new PublishMetrics(registry));
  }
}
