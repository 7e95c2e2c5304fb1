package io.zkstateless.prover.publish;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where proofs go ({@code prover.publish.*}); the producer itself is {@code spring.kafka.producer}
 * (idempotent, {@code acks=all}).
 *
 * @param topic the proofs topic
 */
@Validated
@ConfigurationProperties("prover.publish")
public record PublishProperties(@NotBlank @DefaultValue("execution-proofs") String topic) {}
