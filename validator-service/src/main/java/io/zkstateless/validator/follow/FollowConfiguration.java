package io.zkstateless.validator.follow;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BeaconNodeProperties.class)
@ConditionalOnProperty(name = "validator.beacon.enabled", havingValue = "true", matchIfMissing = true)
class FollowConfiguration {

  @Bean
  HttpClient beaconHttpClient(final BeaconNodeProperties config) {
    return HttpClient.newBuilder()
        .connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Bean
  BeaconApiClient beaconApiClient(
      final HttpClient beaconHttpClient, final JsonMapper json, final BeaconNodeProperties config, final Clock clock) {
    return new BeaconApiClient(beaconHttpClient, json, config, clock);
  }

  @Bean
  ChainFollower chainFollower(
      final BeaconApiClient api, final ProvenChainService chain, final BeaconNodeProperties config) {
    return new ChainFollower(api, chain, config.maxBackfillBlocks());
  }

  @Bean
  BeaconFollowerRunner beaconFollowerRunner(
      final HttpClient beaconHttpClient,
      final ChainFollower follower,
      final JsonMapper json,
      final BeaconNodeProperties config,
      final MeterRegistry registry) {
    return new BeaconFollowerRunner(
        beaconHttpClient, follower, new BeaconEventParser(json), config, new FollowerMetrics(registry));
  }

  @Bean
  BeaconFollowerHealthIndicator beaconFollowerHealthIndicator(final BeaconFollowerRunner runner) {
    return new BeaconFollowerHealthIndicator(runner);
  }
}
