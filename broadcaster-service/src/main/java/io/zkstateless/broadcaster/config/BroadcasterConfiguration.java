package io.zkstateless.broadcaster.config;

import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Binds and validates {@code broadcaster.*} and {@code zk.*}; shared values derived from them. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({BroadcasterProperties.class, ZkSubnetProperties.class})
public class BroadcasterConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ServedSubnets servedSubnets(
      final BroadcasterProperties broadcaster, final ZkSubnetProperties zk) {
    return ServedSubnets.from(broadcaster, zk);
  }

  @Bean
  ExecutionProofSchema executionProofSchema(final ZkSubnetProperties zk) {
    return new ExecutionProofSchema(new ExecutionProofSubnetConfig(zk.maxExecutionProofSubnets()));
  }

  /**
   * Named so that {@code @RetryableTopic} can read the policy through SpEL
   * ({@code @retrySettings}).
   */
  @Bean
  RetryProperties retrySettings(final BroadcasterProperties broadcaster) {
    return broadcaster.retry();
  }
}
