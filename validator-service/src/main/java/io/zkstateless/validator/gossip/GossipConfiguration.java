package io.zkstateless.validator.gossip;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.fork.GossipForkDigests;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gossip input: with {@code zk.stateless-validation} (the default) a p2p node joins every proof
 * subnet and feeds the ingestion pipeline.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(P2pProperties.class)
class GossipConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "zk.stateless-validation", matchIfMissing = true)
  ValidatorP2pNode validatorP2pNode(
      final P2pProperties p2p,
      final ZkChainProperties zk,
      final ProofIngestionPipeline pipeline,
      final GossipForkDigests forkDigests,
      final MeterRegistry registry,
      final Clock clock)
      throws Exception {
    final GossipMetrics metrics = new GossipMetrics(registry);
    final ValidatorP2pNode node =
        new ValidatorP2pNode(
            p2p,
            zk.maxExecutionProofSubnets(),
            forkDigests,
            clock,
            disconnect ->
                new GossipProofInput(
                    pipeline,
                    validationExecutor(p2p),
                    new PeerRejectTracker(p2p.rejectThreshold(), p2p.rejectWindow()),
                    disconnect,
                    metrics,
                    clock));
    metrics.connections(node::connectionCount);
    metrics.readPauses(node::readPauses);
    metrics.peerScores(node::peerScores, node::graylistedPeerCount);
    metrics.connectionRejections(node.connectionRejections());
    try {
      node.start();
    } catch (final Exception e) {
      node.close();
      throw e;
    }
    return node;
  }

  /**
   * Bounded on both sides: {@code validation-threads} threads, {@code validation-queue} waiting
   * messages; beyond that submissions are refused and the message is left unvalidated (forgotten,
   * so a later copy gets in). The node stops reading from peers long before (see {@link
   * ValidatorP2pNode}). Not a bean, so it cannot be picked up by anything injecting an executor by
   * type.
   */
  private static ThreadPoolExecutor validationExecutor(final P2pProperties p2p) {
    return new ThreadPoolExecutor(
        p2p.validationThreads(),
        p2p.validationThreads(),
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(p2p.validationQueue()),
        Thread.ofPlatform().name("gossip-validation-", 0).daemon().factory(),
        new ThreadPoolExecutor.AbortPolicy());
  }

  @Bean
  P2pHealthIndicator p2pHealthIndicator(final ObjectProvider<ValidatorP2pNode> node) {
    return new P2pHealthIndicator(Optional.ofNullable(node.getIfAvailable()));
  }
}
