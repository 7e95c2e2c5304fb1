package io.zkstateless.broadcaster.config;

import io.zkstateless.common.service.health.KafkaReadinessConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Readiness on the Kafka broker ({@code kafka} in the readiness group), shared by every service. */
@Configuration(proxyBeanMethods = false)
@Import(KafkaReadinessConfiguration.class)
public class KafkaHealthConfiguration {}
