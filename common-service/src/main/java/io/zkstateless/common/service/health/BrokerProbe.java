package io.zkstateless.common.service.health;

import java.time.Duration;

/** Asks the Kafka cluster for its brokers; a seam so the health indicator is testable. */
@FunctionalInterface
public interface BrokerProbe {

  /** The number of brokers the cluster reports; throws when it cannot be reached in time. */
  int brokers(Duration timeout) throws Exception;
}
