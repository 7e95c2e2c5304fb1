package io.zkstateless.broadcaster.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Supplies the scripted p2p node; import it to get a broadcaster that publishes. */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaTestSetup {

  @Bean
  ScriptedGossipPublisher scriptedGossipPublisher() {
    return new ScriptedGossipPublisher();
  }
}
