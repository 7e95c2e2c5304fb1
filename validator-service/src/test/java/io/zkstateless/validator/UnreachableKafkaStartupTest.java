package io.zkstateless.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * With the broker unreachable, the Kafka part of this service's context (its application.yaml,
 * Spring Boot's Kafka auto-configuration, a topic to create) starts and closes in bounded time.
 * SIGTERM waits for a context refresh to end, so a refresh stuck in KafkaAdmin's topic check (30 s
 * per call by default, then a 10 s close) kept the pod alive long after it was told to stop.
 */
class UnreachableKafkaStartupTest {

  /** Generous: about 6 s with the service's timeouts, at least 40 s with Kafka's defaults. */
  private static final Duration BOUND = Duration.ofSeconds(25);

  @Test
  void theContextStartsAndClosesWithinTheAdminTimeouts() {
    final long started = System.nanoTime();

    new ApplicationContextRunner()
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
        .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1")
        .withBean(NewTopic.class, () -> new NewTopic("unreachable-broker-test", 1, (short) 1))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(KafkaAdmin.class));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
  }
}
