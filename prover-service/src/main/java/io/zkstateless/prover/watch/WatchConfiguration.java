package io.zkstateless.prover.watch;

import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.proving.WorkerPools;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The beacon client and intake always (admin requests use them); the SSE watcher unless off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BeaconWatchProperties.class)
class WatchConfiguration {

  @Bean
  BeaconBlocksClient beaconBlocksClient(final JsonMapper json, final BeaconWatchProperties config) {
    return new BeaconBlocksClient(beaconHttp(config), json, config);
  }

  @Bean
  BlockIntake blockIntake(
      final BeaconBlocksClient beacon,
      final ProofJobStore store,
      final WorkerPools pools,
      final BeaconWatchProperties config,
      final Clock clock) {
    return new BlockIntake(beacon, store, pools.proofTypes(), config.maxBackfillBlocks(), clock);
  }

  @Bean
  @ConditionalOnProperty(name = "prover.watch.source", havingValue = "beacon", matchIfMissing = true)
  BeaconWatcher beaconWatcher(
      final JsonMapper json,
      final BeaconBlocksClient beacon,
      final BlockIntake intake,
      final FinalizedSlot finalized,
      final BeaconWatchProperties config) {
    return new BeaconWatcher(beaconHttp(config), json, beacon, intake, finalized, config);
  }

  private static HttpClient beaconHttp(final BeaconWatchProperties config) {
    return HttpClient.newBuilder()
        .connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
