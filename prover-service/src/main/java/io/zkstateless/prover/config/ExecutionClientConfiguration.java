package io.zkstateless.prover.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.RetryScheduler;
import io.zkstateless.prover.witness.WitnessFetchMetrics;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the execution-witness client. Blocking HTTP calls run on virtual threads (the concurrency
 * limit, not the thread count, bounds load on the execution client); retries wait on one small
 * scheduler thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutionClientProperties.class)
public class ExecutionClientConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService executionClientRetryExecutor() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("el-witness-retry").daemon().factory());
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService executionClientCallExecutor() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("el-call-", 0).factory());
  }

  @Bean
  ExecutionWitnessClient executionWitnessClient(
      final ExecutionClientProperties properties,
      final ScheduledExecutorService executionClientRetryExecutor,
      final ExecutorService executionClientCallExecutor,
      final ObjectProvider<MeterRegistry> meterRegistry) {
    return ExecutionWitnessClient.create(
        properties.toSettings(),
        Clock.systemUTC(),
        RetryScheduler.of(executionClientRetryExecutor),
        executionClientCallExecutor,
        meterRegistry.stream()
            .findFirst()
            .map(WitnessFetchMetrics::new)
            .orElse(WitnessFetchMetrics.NOOP));
  }

  /** Bean name {@code executionClient}: part of the readiness group in application.yaml. */
  @Bean
  ExecutionClientHealthIndicator executionClientHealthIndicator(
      final ExecutionWitnessClient executionWitnessClient) {
    return new ExecutionClientHealthIndicator(executionWitnessClient);
  }
}
