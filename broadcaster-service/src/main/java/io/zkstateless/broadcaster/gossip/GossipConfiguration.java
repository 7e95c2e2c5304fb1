package io.zkstateless.broadcaster.gossip;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.config.BroadcasterProperties;
import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.fork.ForkDigestSource;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.eth2.reqresp.MetaData;
import io.zkstateless.common.p2p.eth2.reqresp.ReqRespTimeouts;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger LOG = LoggerFactory.getLogger(GossipConfiguration.class);

  /** How often our Status follows the beacon node's head (a slot is 12 s on mainnet). */
  private static final Duration STATUS_POLL_INTERVAL = Duration.ofSeconds(12);

  /** Bound on each Beacon API call of the Status poll. */
  private static final Duration STATUS_POLL_TIMEOUT = Duration.ofSeconds(5);

  /** Our MetaData never changes (no attestation or sync subnets), so neither does its seq_number. */
  private static final MetaData METADATA = MetaData.noSubnets(1);

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
      final ForkDigestSource forkDigest,
      final BroadcasterStatusSource status,
      final MeterRegistry registry)
      throws Exception {
    final String digest = HexFormat.of().formatHex(forkDigest.current().toBytes());
    final Eth2GossipNode node =
        new Eth2GossipNode(
            // The node's libp2p_* meters go to the application's registry.
            P2pNodeFactory.nodeConfig(config.p2p(), digest).withMeterRegistry(registry),
            IGNORE_ALL,
            (id, message) -> {},
            Optional.of(reqResp(status)));
    final P2pGossipPublisher publisher = new P2pGossipPublisher(node, subnets, forkDigest);
    try {
      publisher.start();
    } catch (final Exception e) {
      publisher.close();
      throw e;
    }
    return publisher;
  }

  /**
   * Our Status: the beacon node's head and finalized checkpoint when {@code broadcaster.beacon-url}
   * is set, else zero roots (consensus clients may then drop us when short of peer slots).
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "broadcaster.p2p.enabled", matchIfMissing = true)
  BroadcasterStatusSource broadcasterStatusSource(
      final BroadcasterProperties config, final ForkDigestSource forkDigest) {
    final BroadcasterStatusSource source =
        new BroadcasterStatusSource(
            forkDigest, Optional.ofNullable(config.beaconUrl()), STATUS_POLL_TIMEOUT);
    source.start(STATUS_POLL_INTERVAL);
    return source;
  }

  private static Eth2ReqResp reqResp(final BroadcasterStatusSource status) {
    return new Eth2ReqResp(
        status,
        () -> METADATA,
        (peer, theirs) -> LOG.debug("Status from {}: {}", peer, theirs),
        ReqRespTimeouts.SPEC);
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
