package io.zkstateless.validator.fork;

import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.fork.ForkSchedule;
import io.zkstateless.common.service.beacon.BeaconForkScheduleClient;
import io.zkstateless.validator.follow.BeaconNodeProperties;
import io.zkstateless.validator.gossip.P2pProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gossip fork digests: {@code validator.p2p.fork-digest} if set, else the fork schedule of the
 * beacon node the validator follows ({@code /eth/v1/beacon/genesis}, {@code
 * /eth/v1/config/fork_schedule}, {@code /eth/v1/config/spec}), read once at startup. If neither is
 * available the service refuses to start: a wrong digest listens on topics nobody publishes to.
 */
@Configuration(proxyBeanMethods = false)
class ForkConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ForkConfiguration.class);

  @Bean
  @ConditionalOnProperty(name = "zk.stateless-validation", matchIfMissing = true)
  GossipForkDigests gossipForkDigests(
      final P2pProperties p2p, final ObjectProvider<BeaconNodeProperties> beacon) {
    final GossipForkDigests digests = digests(p2p, Optional.ofNullable(beacon.getIfAvailable()));
    LOG.info("Gossip fork digest {}", digests.describe());
    return digests;
  }

  /** {@code beacon} is empty while {@code validator.beacon.enabled=false}. */
  static GossipForkDigests digests(
      final P2pProperties p2p, final Optional<BeaconNodeProperties> beacon) {
    if (p2p.forkDigest() != null && !p2p.forkDigest().isBlank()) {
      return new GossipForkDigests.Fixed(ForkDigest.fromHex(p2p.forkDigest()));
    }
    if (beacon.isEmpty() || !beacon.get().enabled()) {
      throw new IllegalStateException(
          "validator.p2p.fork-digest is required while validator.beacon.enabled=false: the fork"
              + " digest comes from the beacon node otherwise");
    }
    final ForkSchedule schedule =
        new BeaconForkScheduleClient(beacon.get().url(), beacon.get().requestTimeout()).fetch();
    return new GossipForkDigests.Scheduled(
        schedule, p2p.forkSubscribeEpochsBefore(), p2p.forkUnsubscribeEpochsAfter());
  }
}
