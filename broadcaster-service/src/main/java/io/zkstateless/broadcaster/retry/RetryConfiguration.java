package io.zkstateless.broadcaster.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.config.BroadcasterProperties;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

  @Bean(destroyMethod = "close")
  Admin broadcasterAdminClient(final KafkaAdmin kafkaAdmin) {
    return Admin.create(kafkaAdmin.getConfigurationProperties());
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
        Duration.ofSeconds(5),
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
