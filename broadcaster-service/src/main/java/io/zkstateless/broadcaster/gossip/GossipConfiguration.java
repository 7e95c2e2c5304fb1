package io.zkstateless.broadcaster.gossip;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.config.BroadcasterProperties;
import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.fork.ForkDigestSource;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gossip wiring. With {@code broadcaster.p2p.enabled} (the default) a {@link P2pGossipPublisher}
 * runs the node; without it there is no {@link GossipPublisher}, readiness is DOWN ("no p2p node")
 * and nothing is consumed.
 */
@Configuration(proxyBeanMethods = false)
public class GossipConfiguration {

  /**
   * The broadcaster does not verify proofs, so it vouches for none it receives: IGNORE keeps them
   * out of its deliveries and forwarding while the seen cache still learns their ids.
   */
  private static final GossipValidator IGNORE_ALL =
      (from, message) -> CompletableFuture.completedFuture(GossipValidator.Result.IGNORE);

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "broadcaster.p2p.enabled", matchIfMissing = true)
  P2pGossipPublisher p2pGossipPublisher(
      final BroadcasterProperties config,
      final ServedSubnets subnets,
      final ForkDigestSource forkDigest)
      throws Exception {
    final String digest = HexFormat.of().formatHex(forkDigest.current().toBytes());
    final Eth2GossipNode node =
        new Eth2GossipNode(
            P2pNodeFactory.nodeConfig(config.p2p(), digest), IGNORE_ALL, (id, message) -> {});
    final P2pGossipPublisher publisher = new P2pGossipPublisher(node, subnets, forkDigest);
    try {
      publisher.start();
    } catch (final Exception e) {
      publisher.close();
      throw e;
    }
    return publisher;
  }

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
