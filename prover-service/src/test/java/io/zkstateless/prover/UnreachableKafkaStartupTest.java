package io.zkstateless.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * With the broker unreachable, the Kafka part of this service's context (its application.yaml,
 * Spring Boot's Kafka auto-configuration, a topic to create) starts, and its admin client gives up
 * after the service's short timeouts rather than Kafka's. SIGTERM waits for a context refresh to
 * end, so a refresh stuck in KafkaAdmin's topic check (30 s per call by default, then a 10 s close)
 * kept the pod alive long after it was told to stop.
 *
 * <p>The timeouts are asserted, not the wall-clock time of the start: that is about 6 s on a quiet
 * machine and was 35 s on one at load 45, which no bound separates from the 40 s of the defaults.
 */
class UnreachableKafkaStartupTest {

  @Test
  void theContextStartsWithTheServicesShortAdminTimeouts() {
    new ApplicationContextRunner()
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
        .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1")
        .withBean(NewTopic.class, () -> new NewTopic("unreachable-broker-test", 1, (short) 1))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(KafkaAdmin.class);
              final KafkaAdmin admin = context.getBean(KafkaAdmin.class);
              assertThat(admin.getOperationTimeout()).isEqualTo(5);
              assertThat(ReflectionTestUtils.getField(admin, "closeTimeout"))
                  .isEqualTo(Duration.ofSeconds(1));
            });
  }
}
