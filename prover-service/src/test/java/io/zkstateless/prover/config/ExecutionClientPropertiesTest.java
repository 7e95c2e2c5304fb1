package io.zkstateless.prover.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.prover.witness.ExecutionClientSettings;
import io.zkstateless.prover.witness.WitnessLimits;
import io.zkstateless.prover.witness.WitnessMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ExecutionClientPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsMatchTheDocumentedValues() {
    runner.run(
        context -> {
          final ExecutionClientSettings settings =
              context.getBean(ExecutionClientProperties.class).toSettings();
          assertThat(settings.url()).isEqualTo("http://127.0.0.1:8545");
          assertThat(settings.blockTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(settings.witnessTimeout()).isEqualTo(Duration.ofSeconds(60));
          assertThat(settings.witnessReadyTimeout()).isEqualTo(Duration.ofSeconds(12));
          assertThat(settings.retryInterval()).isEqualTo(Duration.ofMillis(200));
          assertThat(settings.maxConcurrency()).isEqualTo(4);
          assertThat(settings.witnessMethod()).isEqualTo(WitnessMethod.EXECUTION_WITNESS);
          assertThat(settings.limits()).isEqualTo(WitnessLimits.DEFAULT);
          assertThat(settings.breaker()).isEqualTo(ExecutionClientSettings.Breaker.DEFAULT);
        });
  }

  @Test
  void bindsOverrides() {
    runner
        .withPropertyValues(
            "prover.execution-client.url=http://reth:8545",
            "prover.execution-client.witness-timeout=2m",
            "prover.execution-client.witness-ready-timeout=20s",
            "prover.execution-client.retry-interval=100ms",
            "prover.execution-client.max-concurrency=8",
            "prover.execution-client.witness-method=execution-witness-by-block-hash",
            "prover.execution-client.not-ready-error-codes=-32001",
            "prover.execution-client.limits.max-total-bytes=256MB",
            "prover.execution-client.limits.max-headers=128",
            "prover.execution-client.circuit-breaker.open-duration=5s")
        .run(
            context -> {
              final ExecutionClientSettings settings =
                  context.getBean(ExecutionClientProperties.class).toSettings();
              assertThat(settings.url()).isEqualTo("http://reth:8545");
              assertThat(settings.witnessTimeout()).isEqualTo(Duration.ofMinutes(2));
              assertThat(settings.witnessReadyTimeout()).isEqualTo(Duration.ofSeconds(20));
              assertThat(settings.retryInterval()).isEqualTo(Duration.ofMillis(100));
              assertThat(settings.maxConcurrency()).isEqualTo(8);
              assertThat(settings.witnessMethod())
                  .isEqualTo(WitnessMethod.EXECUTION_WITNESS_BY_BLOCK_HASH);
              assertThat(settings.limits().maxTotalBytes()).isEqualTo(256L << 20);
              assertThat(settings.limits().maxHeaders()).isEqualTo(128);
              assertThat(settings.breaker().openDuration()).isEqualTo(Duration.ofSeconds(5));
            });
  }

  @Test
  void rejectsInvalidValues() {
    assertRejected("prover.execution-client.max-concurrency=0", "maxConcurrency");
    assertRejected("prover.execution-client.witness-timeout=0s", "witnessTimeout");
    assertRejected("prover.execution-client.limits.max-headers=257", "maxHeaders");
    assertRejected("prover.execution-client.limits.max-total-bytes=2GB", "at most 1GB");
    assertRejected(
        "prover.execution-client.retry-interval=30s", "must not exceed witness-ready-timeout");
  }

  private void assertRejected(final String property, final String expected) {
    runner
        .withPropertyValues(property)
        .run(
            context ->
                assertThat(context)
                    .as(property)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .message()
                    .contains(expected));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ExecutionClientProperties.class)
  static class PropertiesOnly {}
}
