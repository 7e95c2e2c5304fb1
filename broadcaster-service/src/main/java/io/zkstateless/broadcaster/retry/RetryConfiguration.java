package io.zkstateless.broadcaster.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.config.BroadcasterProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

  /** How long one admin call of the retry-queue probe may take, and the longest close waits. */
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The probe's admin client. Its calls are bounded by {@link #ADMIN_TIMEOUT} in the client itself,
   * not only in the probe's {@code get}: {@code Admin.close()} waits for every pending call, and a
   * call left to Kafka's 60 s default would hold the shutdown while the broker is unreachable.
   */
  @Bean(destroyMethod = "close")
  Admin broadcasterAdminClient(final KafkaAdmin kafkaAdmin) {
    final Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
    final int millis = (int) ADMIN_TIMEOUT.toMillis();
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    return Admin.create(config);
  }

  @Bean
  RetryMetrics retryMetrics(final MeterRegistry registry) {
    return new RetryMetrics(registry);
  }

  @Bean
  RetryQueueProbe retryQueueProbe(
      final Admin broadcasterAdminClient,
      final BroadcasterProperties config,
      final RetryMetrics metrics) {
    return new RetryQueueProbe(
        broadcasterAdminClient,
        config.kafka().groupId(),
        config.kafka().retryTopicPrefix(),
        ADMIN_TIMEOUT,
        metrics);
  }

  @Bean
  RetryQueueSchedule retryQueueSchedule(final RetryQueueProbe probe) {
    return new RetryQueueSchedule(probe);
  }

  /**
   * Measures the retry queue every {@code broadcaster.metrics.retry-queue-interval} (default 15s).
   */
  record RetryQueueSchedule(RetryQueueProbe probe) {
    @Scheduled(
        fixedDelayString = "${broadcaster.metrics.retry-queue-interval:15s}",
        initialDelay = 1000)
    void measure() {
      probe.measure();
    }
  }
}
