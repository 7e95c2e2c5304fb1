package io.zkstateless.validator.gossip;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.eth2.reqresp.MetaData;
import io.zkstateless.common.p2p.eth2.reqresp.ReqRespTimeouts;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.fork.GossipForkDigests;
import io.zkstateless.validator.follow.BeaconApiClient;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger LOG = LoggerFactory.getLogger(GossipConfiguration.class);

  /** How often our Status's finalized checkpoint is refreshed (finality moves once an epoch). */
  private static final Duration FINALIZED_POLL_INTERVAL = Duration.ofSeconds(12);

  /** Our MetaData never changes (no attestation or sync subnets), so neither does its seq_number. */
  private static final MetaData METADATA = MetaData.noSubnets(1);

  /**
   * The Status our node tells peers: the followed beacon node's head and finalized checkpoint.
   * Without a beacon node (validator.beacon.enabled=false) the checkpoint stays zero.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "zk.stateless-validation", matchIfMissing = true)
  ValidatorStatusSource validatorStatusSource(
      final GossipForkDigests forkDigests,
      final Clock clock,
      final ProvenChainService chain,
      final ObjectProvider<BeaconApiClient> beacon) {
    final BeaconApiClient api = beacon.getIfAvailable();
    final ValidatorStatusSource source =
        new ValidatorStatusSource(
            // The current fork's digest, also while the next fork's topics are already joined.
            () -> forkDigests.at(clock.instant()).getFirst(),
            chain::heads,
            () -> {
              if (api == null) {
                throw new IllegalStateException("no beacon node configured");
              }
              return api.finalizedCheckpoint();
            });
    if (api != null) {
      source.start(FINALIZED_POLL_INTERVAL);
    }
    return source;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "zk.stateless-validation", matchIfMissing = true)
  ValidatorP2pNode validatorP2pNode(
      final P2pProperties p2p,
      final ZkChainProperties zk,
      final ProofIngestionPipeline pipeline,
      final GossipForkDigests forkDigests,
      final ValidatorStatusSource status,
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
                    clock),
            Optional.of(reqResp(status)),
            registry);
    metrics.connections(node::connectionCount);
    metrics.readPauses(node::readPauses);
    try {
      node.start();
    } catch (final Exception e) {
      node.close();
      throw e;
    }
    return node;
  }

  private static Eth2ReqResp reqResp(final ValidatorStatusSource status) {
    return new Eth2ReqResp(
        status,
        () -> METADATA,
        (peer, theirs) -> LOG.debug("Status from {}: {}", peer, theirs),
        ReqRespTimeouts.SPEC);
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
