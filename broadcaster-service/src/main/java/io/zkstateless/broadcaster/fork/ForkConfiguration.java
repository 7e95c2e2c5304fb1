package io.zkstateless.broadcaster.fork;

import io.zkstateless.broadcaster.config.BroadcasterProperties;
import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.fork.ForkSchedule;
import io.zkstateless.common.service.beacon.BeaconForkScheduleClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fork digest: fixed from {@code broadcaster.fork-digest}, or computed for the current epoch
 * from the schedule the beacon node reports once at startup. If the beacon node cannot answer, the
 * service refuses to start: a wrong digest would publish on topics nobody listens to.
 */
@Configuration(proxyBeanMethods = false)
class ForkConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ForkConfiguration.class);

  @Bean
  ForkDigestSource forkDigestSource(final BroadcasterProperties config, final Clock clock) {
    if (config.forkDigest() != null && !config.forkDigest().isBlank()) {
      final ForkDigest fixed = ForkDigest.fromHex(config.forkDigest());
      LOG.info("Fork digest {} (configured)", fixed);
      return () -> fixed;
    }
    final ForkSchedule schedule =
        new BeaconForkScheduleClient(config.beaconUrl(), Duration.ofSeconds(10)).fetch();
    final ForkDigestSource source = () -> schedule.digestAt(schedule.epochAt(clock.instant()));
    LOG.info(
        "Fork digest {} (from {} at epoch {})",
        source.current(),
        config.beaconUrl(),
        schedule.epochAt(clock.instant()));
    return source;
  }
}
