package io.zkstateless.broadcaster.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ResultsTopic;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.proof.ExecutionProof;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The commit rule across a restart: while one proof's result is in flight, the proofs after it are
 * published and their results written, but no offset past the gap is committed; the next process
 * publishes the gap and everything after it again (the network deduplicates), and loses nothing.
 */
@EmbeddedKafka(
    partitions = 1,
    topics = {"execution-proofs", "broadcast-results"})
class CommitRuleRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TopicPartition PROOFS = new TopicPartition("execution-proofs", 0);

  @Test
  void recordsBehindAResultInFlightArePublishedAgainAfterARestart(final EmbeddedKafkaBroker broker)
      throws Exception {
    final List<ExecutionProof> proofs =
        List.of(Proofs.fresh(0), Proofs.fresh(1), Proofs.fresh(2), Proofs.fresh(3));
    final String gap = hash(proofs.get(1));
    final ScriptedGossipPublisher first = new ScriptedGossipPublisher();
    try (ResultsTopic results = new ResultsTopic(broker.getBrokersAsString(), "broadcast-results");
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      try (ConfigurableApplicationContext app = start(broker, first, gap)) {
        proofs.forEach(proof -> send(app, proof));
        for (final ExecutionProof proof : List.of(proofs.get(0), proofs.get(2), proofs.get(3))) {
          results.await(hash(proof), WAIT);
        }
        assertThat(first.publicationsOf(gap)).hasSize(1);
        // Offset 0 is committed; offsets 2 and 3 have durable results but sit behind the gap.
        await().atMost(WAIT).until(() -> committed(admin) == 1);
        await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> committed(admin) == 1);
      }
      final ScriptedGossipPublisher second = new ScriptedGossipPublisher();
      try (ConfigurableApplicationContext app = start(broker, second, null)) {
        assertThat(results.await(gap, WAIT).path("result").asString()).isEqualTo("published");
        for (final ExecutionProof proof : proofs.subList(1, 4)) {
          await().atMost(WAIT).until(() -> second.publicationsOf(hash(proof)).size() == 1);
        }
        assertThat(second.publicationsOf(hash(proofs.get(0)))).isEmpty();
        await().atMost(WAIT).until(() -> committed(admin) == 4);
        // Published twice, recorded twice: at least once, never lost.
        results.await(hash(proofs.get(3)), r -> results.of(hash(proofs.get(3))).size() == 2, WAIT);
        assertThat(results.of(gap)).hasSize(1);
      }
    }
  }

  private static long committed(final Admin admin) throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets("broadcaster").partitionsToOffsetAndMetadata().get();
    final OffsetAndMetadata offset = offsets.get(PROOFS);
    return offset == null ? -1 : offset.offset();
  }

  /** A broadcaster whose result for {@code heldBlockHash} (if any) is never acknowledged. */
  private static ConfigurableApplicationContext start(
      final EmbeddedKafkaBroker broker,
      final ScriptedGossipPublisher gossip,
      final String heldBlockHash) {
    return new SpringApplicationBuilder(BroadcasterApplication.class)
        .initializers(
            context -> {
              context.getBeanFactory().registerSingleton("scriptedGossip", gossip);
              if (heldBlockHash != null) {
                context.getBeanFactory().addBeanPostProcessor(holdResultOf(heldBlockHash));
              }
            })
        .properties(
            "server.port=0",
            "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
            "broadcaster.fork-digest=bfe0d3f4",
            "broadcaster.p2p.enabled=false",
            "spring.kafka.listener.poll-timeout=300ms")
        .run();
  }

  private static BeanPostProcessor holdResultOf(final String blockHash) {
    return new BeanPostProcessor() {
      @Override
      @SuppressWarnings("unchecked")
      public Object postProcessAfterInitialization(final Object bean, final String name) {
        if (!"broadcasterKafkaTemplate".equals(name)) {
          return bean;
        }
        return new KafkaTemplate<>(((KafkaTemplate<String, Object>) bean).getProducerFactory()) {
          @Override
          public CompletableFuture<SendResult<String, Object>> send(
              final String topic, final String key, final Object data) {
            return "broadcast-results".equals(topic) && blockHash.equals(key)
                ? new CompletableFuture<>()
                : super.send(topic, key, data);
          }
        };
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static void send(final ConfigurableApplicationContext app, final ExecutionProof proof) {
    final KafkaTemplate<String, Object> template =
        app.getBean("broadcasterKafkaTemplate", KafkaTemplate.class);
    final ProducerRecord<String, Object> record =
        new ProducerRecord<>("execution-proofs", hash(proof), proof);
    Proofs.headersFor(proof).writeTo(record.headers());
    template.send(record).join();
  }

  private static String hash(final ExecutionProof proof) {
    return proof.blockHash().toHexString();
  }
}
