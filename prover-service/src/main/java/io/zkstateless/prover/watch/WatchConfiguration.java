package io.zkstateless.prover.watch;

import io.zkstateless.prover.config.ExecutionClientProperties;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.proving.WorkerPools;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The beacon client and intake always (admin requests use them); then the configured watch source:
 * the beacon SSE watcher (default) or the execution-client poller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
class WatchConfiguration {

  @Bean
  BeaconBlocksClient beaconBlocksClient(final JsonMapper json, final WatchProperties config) {
    return new BeaconBlocksClient(beaconHttp(config), json, config);
  }

  @Bean
  BlockIntake blockIntake(
      final BeaconBlocksClient beacon,
      final ProofJobStore store,
      final WorkerPools pools,
      final WatchProperties config,
      final Clock clock) {
    return new BlockIntake(beacon, store, pools.proofTypes(), config.maxBackfillBlocks(), clock);
  }

  @Bean
  @ConditionalOnProperty(
      name = "prover.watch.source",
      havingValue = "beacon",
      matchIfMissing = true)
  BeaconWatcher beaconWatcher(
      final JsonMapper json,
      final BeaconBlocksClient beacon,
      final BlockIntake intake,
      final FinalizedSlot finalized,
      final WatchProperties config) {
    return new BeaconWatcher(beaconHttp(config), json, beacon, intake, finalized, config);
  }

  @Bean(destroyMethod = "shutdown")
  @ConditionalOnProperty(name = "prover.watch.source", havingValue = "execution")
  Web3j watchWeb3j(final ExecutionClientProperties executionClient) {
    return Web3j.build(new HttpService(executionClient.url().toString()));
  }

  @Bean
  @ConditionalOnProperty(name = "prover.watch.source", havingValue = "execution")
  ExecutionBlockPoller executionBlockPoller(
      final Web3j watchWeb3j,
      final ProofJobStore store,
      final WorkerPools pools,
      final WatchProperties config,
      final Clock clock) {
    return new ExecutionBlockPoller(watchWeb3j, store, pools.proofTypes(), config, clock);
  }

  private static HttpClient beaconHttp(final WatchProperties config) {
    return HttpClient.newBuilder()
        .connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
