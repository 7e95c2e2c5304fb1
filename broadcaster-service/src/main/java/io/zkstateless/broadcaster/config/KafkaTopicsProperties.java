package io.zkstateless.broadcaster.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code broadcaster.kafka.*}. Retry topics are {@code <proofs-topic>-retry-N} and the dead-letter
 * topic is {@code <proofs-topic>-dlt}; both names follow from the proofs topic.
 */
public record KafkaTopicsProperties(
    @DefaultValue("execution-proofs") @NotBlank String proofsTopic,
    @DefaultValue("broadcast-results") @NotBlank String resultsTopic,
    @DefaultValue("broadcaster") @NotBlank String groupId) {

  public String deadLetterTopic() {
    return proofsTopic + "-dlt";
  }

  public String retryTopicPrefix() {
    return proofsTopic + "-retry-";
  }
}
