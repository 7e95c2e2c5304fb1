package io.zkstateless.broadcaster.gossip;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.config.ServedSubnets;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gossip wiring. There is deliberately no default {@link GossipPublisher}: until the common-p2p
 * gossipsub adapter provides one, readiness is DOWN ("no p2p node") and nothing is consumed.
 */
@Configuration(proxyBeanMethods = false)
public class GossipConfiguration {

  @Bean
  GossipReadiness gossipHealthIndicator(
      final ObjectProvider<GossipPublisher> publisher,
      final ServedSubnets subnets,
      final MeterRegistry registry) {
    final Optional<GossipPublisher> found = Optional.ofNullable(publisher.getIfUnique());
    found.ifPresent(p -> new GossipMetrics(registry, p, subnets.ids()));
    return new GossipReadiness(found);
  }
}
