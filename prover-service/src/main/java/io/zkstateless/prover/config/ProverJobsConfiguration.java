package io.zkstateless.prover.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.electra.ElectraPreset;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.proving.ProverMetrics;
import io.zkstateless.prover.proving.ProvingDispatcher;
import io.zkstateless.prover.proving.WorkerPools;
import io.zkstateless.prover.proving.WorkersHealthIndicator;
import io.zkstateless.prover.proving.ere.ExecutionRequestsLookup;
import io.zkstateless.prover.proving.zkboost.BeaconNewPayloadRequestSource;
import io.zkstateless.prover.publish.KafkaProofPublisher;
import io.zkstateless.prover.publish.ProofEncoder;
import io.zkstateless.prover.publish.PublishProperties;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.WatchProperties;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the job pipeline: job table, worker pools, dispatcher, Kafka publisher and their meters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  ZkChainProperties.class,
  ProofJobProperties.class,
  WorkersProperties.class,
  PublishProperties.class
})
public class ProverJobsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ProofTypeRegistry proofTypeRegistry(final ZkChainProperties zk) {
    return zk.proofTypeRegistry();
  }

  @Bean
  ProofJobStore proofJobStore(final JdbcClient jdbc) {
    return new ProofJobStore(jdbc);
  }

  @Bean
  FinalizedSlot finalizedSlot() {
    return new FinalizedSlot();
  }

  @Bean(destroyMethod = "close")
  WorkerPools workerPools(
      final WorkersProperties workers,
      final ProofTypeRegistry registry,
      final Clock clock,
      final ObjectProvider<ExecutionWitnessClient> witnessClient,
      final ObjectProvider<BeaconBlocksClient> beacon,
      final ObjectProvider<WatchProperties> watch) {
    final BeaconBlocksClient beaconClient = beacon.getIfAvailable();
    final WatchProperties watchConfig = watch.getIfAvailable();
    return new WorkerPools(
        workers,
        registry,
        clock,
        witnessClient.getIfAvailable(),
        beaconClient == null
            ? null
            : new BeaconNewPayloadRequestSource(beaconClient, ElectraPreset.MAINNET),
        beaconClient == null || watchConfig == null || !watchConfig.beaconNodeConfigured()
            ? null
            : new ExecutionRequestsLookup(beaconClient));
  }

  @Bean
  ProverMetrics proverMetrics(final MeterRegistry registry, final WorkerPools pools) {
    final ProverMetrics metrics = new ProverMetrics(registry, pools.proofTypes());
    metrics.bindWorkers(pools.pools());
    return metrics;
  }

  @Bean
  KafkaProofPublisher kafkaProofPublisher(
      final KafkaTemplate<String, byte[]> kafka,
      final PublishProperties publish,
      final ProofJobProperties jobs) {
    return new KafkaProofPublisher(kafka, publish.topic(), jobs.proverId());
  }

  @Bean
  ProvingDispatcher provingDispatcher(
      final ProofJobStore store,
      final WorkerPools pools,
      final ZkChainProperties zk,
      final KafkaProofPublisher publisher,
      final ProofJobProperties jobs,
      final FinalizedSlot finalized,
      final ProverMetrics metrics,
      final Clock clock) {
    final ProofEncoder encoder =
        new ProofEncoder(
            new ExecutionProofSchema(new ExecutionProofSubnetConfig(zk.maxExecutionProofSubnets())),
            clock);
    return new ProvingDispatcher(
        store,
        pools.pools(),
        encoder,
        publisher,
        jobs,
        finalized,
        metrics,
        clock,
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("proof-job-", 0).factory()));
  }

  /** Bean name {@code zkvmWorkers}: part of the readiness group in application.yaml. */
  @Bean
  WorkersHealthIndicator zkvmWorkersHealthIndicator(final WorkerPools pools) {
    return new WorkersHealthIndicator(pools.pools());
  }
}
