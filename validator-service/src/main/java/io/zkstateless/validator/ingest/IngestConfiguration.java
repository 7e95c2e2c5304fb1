package io.zkstateless.validator.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.follow.BeaconApiClient;
import io.zkstateless.validator.follow.BeaconApiException;
import io.zkstateless.validator.store.ParkedProofStore;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.verify.MockProofVerifier;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.http.HttpVerifierFactory;
import io.zkstateless.validator.verify.http.HttpVerifiersProperties;
import io.zkstateless.validator.verify.witness.WitnessProofVerifier;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, HttpVerifiersProperties.class})
class IngestConfiguration {

  @Bean
  ProofTypeRegistry proofTypeRegistry(final ZkChainProperties zk) {
    return ProofTypeRegistry.fromConfig(
        ProofTypeRegistry.DEFAULT_TYPES, new ExecutionProofSubnetConfig(zk.maxExecutionProofSubnets()));
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService proofReplayExecutor() {
    return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("proof-replay").daemon().factory());
  }

  /**
   * Writes and deletes rows of waiting (parked) proofs off the gossip validation threads: one
   * thread, a queue as long as the park; a full queue leaves the proof in memory only (counted).
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService parkedProofWriter(final IngestProperties config) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.pendingMaxProofs()),
        Thread.ofPlatform().name("parked-proof-writer").daemon().factory());
  }

  @Bean
  ProofIngestionPipeline proofIngestionPipeline(
      final ProvenChainService chain,
      final ProofTypeRegistry types,
      final IngestProperties config,
      final MeterRegistry registry,
      final Clock clock,
      @Qualifier("proofReplayExecutor") final ExecutorService proofReplayExecutor,
      final ConfiguredVerifiers verifiers,
      final ParkedProofStore parkedProofs,
      @Qualifier("parkedProofWriter") final ExecutorService parkedProofWriter) {
    final ProofIngestionPipeline pipeline =
        new ProofIngestionPipeline(
            chain, types, verifiers.byTypeId(), config, new IngestMetrics(registry), clock, proofReplayExecutor,
            parkedProofs, parkedProofWriter);
    // Before any input starts (gossip and Kafka start with the context's lifecycle, after every
    // bean exists), so a proof parked before the crash is waiting again when its block comes.
    pipeline.restoreParked();
    Gauge.builder("validator_pending_proofs", pipeline, ProofIngestionPipeline::pendingProofs)
        .description("Proofs waiting for their block")
        .register(registry);
    return pipeline;
  }

  @Bean(destroyMethod = "close")
  HttpVerifierFactory httpVerifierFactory(
      final HttpVerifiersProperties config,
      final ObjectProvider<BeaconApiClient> beacon,
      final JsonMapper json,
      final MeterRegistry registry,
      final Clock clock) {
    // Without a beacon node (validator.beacon.enabled=false) no root can be computed: every
    // proof of an http type is then IGNOREd as root_unavailable.
    final BeaconApiClient api = beacon.getIfAvailable();
    return new HttpVerifierFactory(
        config,
        root -> {
          if (api == null) {
            throw new BeaconApiException("no beacon node configured (validator.beacon.enabled=false)");
          }
          return api.blockJson(root);
        },
        json,
        registry,
        clock);
  }

  @Bean
  ConfiguredVerifiers configuredVerifiers(
      final ProofTypeRegistry types, final IngestProperties config, final HttpVerifierFactory http) {
    return new ConfiguredVerifiers(verifiers(types, config, http::create));
  }

  @Bean
  IngestionControl ingestionControl(
      final ProofIngestionPipeline pipeline, final KafkaListenerEndpointRegistry registry, final Clock clock) {
    return new IngestionControl(pipeline, registry, clock);
  }

  @Bean
  ProofReverifier proofReverifier(
      final ProvenChainService chain, final ProofStore proofs, final ConfiguredVerifiers verifiers) {
    return new ProofReverifier(chain, proofs, verifiers);
  }

  /**
   * Records that fail to decode never reach the listener: Spring Kafka hands them to this handler,
   * which counts them as REJECT (with the decoder's message, which names the offset) and moves on
   * without retrying, so one bad record cannot stop a partition. A record whose proof could not be
   * stored because the database is unreachable is different: skipping it would lose a valid proof
   * (its offset would be committed), so it is retried, with back-off, until the database is back;
   * so is a record whose external verifier is unavailable ({@link VerifierUnavailableException}).
   */
  @Bean
  CommonErrorHandler proofRecordErrorHandler(final ProofIngestionPipeline pipeline) {
    final DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, error) -> pipeline.undecodable(ProofSource.kafka(record.partition()), rootMessage(error)),
            untilTheDependencyIsBack());
    // The default back-off must allow retries: with a no-retry default Spring Kafka skips at once
    // and never asks the function (which is how a database outage used to lose proofs).
    handler.setBackOffFunction(
        (record, error) -> isStoreOutage(error) || isVerifierOutage(error)
            ? untilTheDependencyIsBack()
            : new FixedBackOff(0, 0));
    handler.setLogLevel(KafkaException.Level.DEBUG);
    return handler;
  }

  /**
   * The database is unreachable or failed transiently (a lost connection, no connection from the
   * pool, a timeout), as opposed to a bad record: the same record can succeed later. A permanent
   * data error is not retried, since it would stop the partition for good.
   */
  static boolean isStoreOutage(final Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException
          || cause instanceof TransientDataAccessException
          || cause instanceof RecoverableDataAccessException) {
        return true;
      }
    }
    return false;
  }

  /** The proof's external verifier did not answer: the same record can be verified later. */
  static boolean isVerifierOutage(final Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof VerifierUnavailableException) {
        return true;
      }
    }
    return false;
  }

  private static BackOff untilTheDependencyIsBack() {
    final ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
    backOff.setMaxInterval(5_000);
    // No attempt limit: the record waits for the database like the rest of the service does.
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    return backOff;
  }

  private static String rootMessage(final Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  /** As below, without {@code http} verifiers (tests and tools with local verifiers only). */
  static Map<Integer, ProofVerifier> verifiers(final ProofTypeRegistry types, final IngestProperties config) {
    return verifiers(types, config, typeName -> {
      throw new IllegalArgumentException("validator.ingest.verifiers." + typeName + ": http verifiers are not available here");
    });
  }

  /**
   * Maps each configured proof type name to a verifier instance; unknown names fail startup.
   *
   * @param http builds the {@code http} verifier of a proof type name
   */
  static Map<Integer, ProofVerifier> verifiers(
      final ProofTypeRegistry types, final IngestProperties config, final Function<String, ProofVerifier> http) {
    final Map<Integer, ProofVerifier> byTypeId = new HashMap<>();
    config.verifiers().forEach((typeName, kind) -> {
      final ProofType type = types.findByName(typeName).orElseThrow(() -> new IllegalArgumentException(
          "validator.ingest.verifiers: unknown proof type '" + typeName + "', known: " + types.all()));
      byTypeId.put(type.id(), switch (kind) {
        case "mock" -> new MockProofVerifier();
        case "witness" -> new WitnessProofVerifier();
        case "http" -> http.apply(typeName);
        default -> throw new IllegalArgumentException(
            "validator.ingest.verifiers." + typeName + ": unknown verifier kind '" + kind + "' (known: mock, witness, http)");
      });
    });
    return byTypeId;
  }
}
