package io.zkstateless.broadcaster.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.config.BroadcasterProperties;
import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.fork.ForkDigestSource;
import io.zkstateless.broadcaster.gossip.GossipPublisher;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RESULT_ACK_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  PublishMetrics publishMetrics(final MeterRegistry registry) {
    return new PublishMetrics(registry);
  }

  @Bean
  BroadcastStatusBook broadcastStatusBook(final Clock clock) {
    return new BroadcastStatusBook(10_000, clock);
  }

  @Bean
  ResultPublisher resultPublisher(
      final KafkaTemplate<String, Object> broadcasterKafkaTemplate,
      final BroadcasterProperties config,
      final BroadcastStatusBook statuses,
      final PublishMetrics metrics) {
    return new ResultPublisher(
        broadcasterKafkaTemplate,
        config.kafka().resultsTopic(),
        RESULT_ACK_TIMEOUT,
        statuses,
        metrics);
  }

  /**
   * Built even without a p2p node so the context starts and readiness can say why it is DOWN; the
   * listeners that would call it are then never started (see {@code ListenerStarter}).
   */
  @Bean
  ProofBroadcaster proofBroadcaster(
      final ObjectProvider<GossipPublisher> gossip,
      final ForkDigestSource forkDigest,
      final ExecutionProofSchema schema,
      final ServedSubnets subnets,
      final BroadcasterProperties config,
      final Clock clock,
      final PublishMetrics metrics) {
    final GossipPublisher publisher = gossip.getIfUnique(() -> NoP2pNode.INSTANCE);
    return new ProofBroadcaster(
        publisher,
        forkDigest,
        schema,
        subnets,
        config.usefulnessWindow(),
        PUBLISH_TIMEOUT,
        clock,
        metrics);
  }
}
