package io.zkstateless.validator.tracking;

import io.zkstateless.validator.config.ProofStoreProperties;
import io.zkstateless.validator.config.ZkChainProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ZkChainProperties.class, ProofStoreProperties.class})
class TrackingConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
