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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The commit rule on a real broker. Across a restart: while one proof's result is in flight, the
 * proofs after it are published and their results written, but no offset past the gap is committed;
 * the next process publishes the gap and everything after it again (the network deduplicates), and
 * loses nothing. And the error handler's own commit of a record it forwarded to a retry topic waits
 * for the earlier results of the partition.
 */
@EmbeddedKafka(
    partitions = 1,
    topics = {"execution-proofs", "settle-proofs", "broadcast-results"})
class CommitRuleRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SETTLE_TOPIC = "settle-proofs";

  /** Each proofs topic gets its own consumer group, so the tests' committed offsets stay apart. */
  private static final Map<String, String> GROUP =
      Map.of("execution-proofs", "broadcaster", SETTLE_TOPIC, "settle");

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

  @Test
  void aRecordForwardedToARetryTopicIsNotCommittedPastAnEarlierResultInFlight(
      final EmbeddedKafkaBroker broker) throws Exception {
    final ExecutionProof slow = Proofs.fresh(1);
    final ExecutionProof failing = Proofs.fresh(2);
    final AtomicBoolean released = new AtomicBoolean();
    final ScriptedGossipPublisher gossip = new ScriptedGossipPublisher();
    gossip.script(
        hash(failing), ScriptedGossipPublisher.noPeers(), ScriptedGossipPublisher.reach(1));
    try (ResultsTopic results = new ResultsTopic(broker.getBrokersAsString(), "broadcast-results");
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        ConfigurableApplicationContext app =
            start(
                broker,
                gossip,
                delayResultOf(hash(slow), Duration.ofSeconds(6), released),
                SETTLE_TOPIC)) {
      send(app, SETTLE_TOPIC, slow);
      send(app, SETTLE_TOPIC, failing);
      // The failing proof is forwarded to the retry topic while the slow proof's result is held;
      // the error handler must not commit offset 1 (i.e. 2) over the slow proof's gap.
      await().atMost(WAIT).until(() -> gossip.publicationsOf(hash(failing)).size() >= 1);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(WAIT)
          .until(() -> released.get() || committed(admin, SETTLE_TOPIC) < 1);
      results.await(hash(slow), WAIT);
      await().atMost(WAIT).until(() -> committed(admin, SETTLE_TOPIC) == 2);
      assertThat(results.await(hash(failing), WAIT).path("attempts").asInt()).isEqualTo(2);
    }
  }

  private static long committed(final Admin admin) throws Exception {
    return committed(admin, "execution-proofs");
  }

  private static long committed(final Admin admin, final String topic) throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(GROUP.get(topic)).partitionsToOffsetAndMetadata().get();
    final OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
    return offset == null ? -1 : offset.offset();
  }

  /** A broadcaster whose result for {@code heldBlockHash} (if any) is never acknowledged. */
  private static ConfigurableApplicationContext start(
      final EmbeddedKafkaBroker broker,
      final ScriptedGossipPublisher gossip,
      final String heldBlockHash) {
    return start(
        broker,
        gossip,
        heldBlockHash == null ? null : delayResultOf(heldBlockHash, null, new AtomicBoolean()),
        "execution-proofs");
  }

  private static ConfigurableApplicationContext start(
      final EmbeddedKafkaBroker broker,
      final ScriptedGossipPublisher gossip,
      final BeanPostProcessor results,
      final String proofsTopic) {
    return new SpringApplicationBuilder(BroadcasterApplication.class)
        .initializers(
            context -> {
              context.getBeanFactory().registerSingleton("scriptedGossip", gossip);
              if (results != null) {
                context.getBeanFactory().addBeanPostProcessor(results);
              }
            })
        .properties(
            "server.port=0",
            "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
            "broadcaster.fork-digest=bfe0d3f4",
            "broadcaster.p2p.enabled=false",
            "broadcaster.kafka.proofs-topic=" + proofsTopic,
            "broadcaster.kafka.group-id=" + GROUP.get(proofsTopic),
            "broadcaster.retry.initial-backoff=300ms",
            "spring.kafka.listener.poll-timeout=300ms")
        .run();
  }

  /**
   * Delays sending the block's result by {@code delay}, or forever if it is null; {@code released}
   * turns true just before it is sent.
   */
  private static BeanPostProcessor delayResultOf(
      final String blockHash, final Duration delay, final AtomicBoolean released) {
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
            if (!"broadcast-results".equals(topic) || !blockHash.equals(key)) {
              return super.send(topic, key, data);
            }
            if (delay == null) {
              return new CompletableFuture<>();
            }
            return CompletableFuture.runAsync(
                    () -> {},
                    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(
                    ignored -> {
                      released.set(true);
                      return super.send(topic, key, data);
                    });
          }
        };
      }
    };
  }

  private static void send(final ConfigurableApplicationContext app, final ExecutionProof proof) {
    send(app, "execution-proofs", proof);
  }

  @SuppressWarnings("unchecked")
  private static void send(
      final ConfigurableApplicationContext app, final String topic, final ExecutionProof proof) {
    final KafkaTemplate<String, Object> template =
        app.getBean("broadcasterKafkaTemplate", KafkaTemplate.class);
    final ProducerRecord<String, Object> record = new ProducerRecord<>(topic, hash(proof), proof);
    Proofs.headersFor(proof).writeTo(record.headers());
    template.send(record).join();
  }

  private static String hash(final ExecutionProof proof) {
    return proof.blockHash().toHexString();
  }
}
