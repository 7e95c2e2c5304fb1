package io.zkstateless.broadcaster.consume;

import io.zkstateless.broadcaster.gossip.GossipReadiness;
import io.zkstateless.broadcaster.publish.BroadcastStatusBook;
import io.zkstateless.broadcaster.publish.ProofBroadcaster;
import io.zkstateless.broadcaster.publish.PublishMetrics;
import io.zkstateless.broadcaster.publish.ResultPublisher;
import io.zkstateless.common.model.kafka.ExecutionProofSerializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * One producer for everything the broadcaster writes: proofs forwarded to retry topics and the DLT
 * (SSZ, or the raw bytes of a record that did not decode), replays, and JSON results. acks=all and
 * idempotence come from {@code spring.kafka.producer.*}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  @Bean
  ProducerFactory<String, Object> broadcasterProducerFactory(
      final KafkaProperties kafka, final ExecutionProofSchema schema) {
    final Map<Class<?>, Serializer<?>> byType =
        Map.of(
            ExecutionProof.class, new ExecutionProofSerializer(schema),
            byte[].class, new ByteArraySerializer(),
            String.class, new StringSerializer());
    // Serializers are not configured from the producer map: that would reset the proof schema to
    // its
    // default subnet count.
    return new DefaultKafkaProducerFactory<>(
        kafka.buildProducerProperties(),
        new StringSerializer(),
        new DelegatingByTypeSerializer(byType),
        false);
  }

  @Bean
  KafkaTemplate<String, Object> broadcasterKafkaTemplate(
      final ProducerFactory<String, Object> broadcasterProducerFactory) {
    return new KafkaTemplate<>(broadcasterProducerFactory);
  }

  /**
   * At most this many proofs may be published with their result not yet acknowledged; far more than
   * a healthy broker ever leaves in flight, small enough to bound memory while it is not.
   */
  private static final int MAX_IN_FLIGHT = 1_000;

  /** Well inside {@code max.poll.interval.ms}: a full ledger blocks the consumer thread. */
  private static final Duration ROOM_WAIT = Duration.ofSeconds(30);

  @Bean
  CommitLedger commitLedger() {
    return new CommitLedger(MAX_IN_FLIGHT);
  }

  @Bean
  ProofListener proofListener(
      final ProofBroadcaster broadcaster,
      final ResultPublisher results,
      final BroadcastStatusBook statuses,
      final PublishMetrics metrics,
      final CommitLedger ledger) {
    return new ProofListener(broadcaster, results, statuses, metrics, ledger, ROOM_WAIT);
  }

  @Bean
  ListenerStarter listenerStarter(
      final KafkaListenerEndpointRegistry registry, final GossipReadiness gossip) {
    return new ListenerStarter(registry, gossip);
  }
}
