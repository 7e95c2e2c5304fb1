package io.zkstateless.broadcaster.consume;

import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.noPeers;
import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.reach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ResultsTopic;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.proof.ExecutionProof;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Stops the whole application while a proof is between retries and starts a new one on the same
 * broker: the proof is published by the second process, exactly one outcome is recorded.
 */
@EmbeddedKafka(
    partitions = 1,
    topics = {"execution-proofs", "broadcast-results"})
class ApplicationRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aProofBetweenRetriesSurvivesAnApplicationRestart(final EmbeddedKafkaBroker broker) {
    final ExecutionProof proof = Proofs.fresh(1);
    final String hash = proof.blockHash().toHexString();
    final ScriptedGossipPublisher first = new ScriptedGossipPublisher();
    first.script(hash, noPeers());
    try (ResultsTopic results =
        new ResultsTopic(broker.getBrokersAsString(), "broadcast-results")) {
      try (ConfigurableApplicationContext app = start(broker, first)) {
        send(app, proof);
        await().atMost(WAIT).until(() -> first.publicationsOf(hash).size() >= 2);
      }
      final int triedByFirst = first.publicationsOf(hash).size();
      final ScriptedGossipPublisher second = new ScriptedGossipPublisher();
      second.script(hash, reach(2));
      try (ConfigurableApplicationContext app = start(broker, second)) {
        assertThat(results.await(hash, WAIT).path("result").asString()).isEqualTo("published");
        assertThat(second.publicationsOf(hash)).hasSize(1);
        // The attempt count travels in the record's headers, so it continues where the first left
        // off.
        assertThat(results.of(hash).getFirst().path("attempts").asInt())
            .isEqualTo(triedByFirst + 1);
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(2))
            .until(() -> results.of(hash).size() == 1);
      }
    }
  }

  private static ConfigurableApplicationContext start(
      final EmbeddedKafkaBroker broker, final ScriptedGossipPublisher gossip) {
    return new SpringApplicationBuilder(BroadcasterApplication.class)
        .initializers(
            context -> context.getBeanFactory().registerSingleton("scriptedGossip", gossip))
        .properties(
            "server.port=0",
            "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
            "broadcaster.fork-digest=bfe0d3f4",
            "broadcaster.p2p.enabled=false",
            "broadcaster.retry.attempts=6",
            "broadcaster.retry.initial-backoff=500ms",
            "broadcaster.retry.multiplier=2",
            "broadcaster.retry.max-backoff=2s",
            "spring.kafka.listener.poll-timeout=300ms")
        .run();
  }

  @SuppressWarnings("unchecked")
  private static void send(final ConfigurableApplicationContext app, final ExecutionProof proof) {
    final KafkaTemplate<String, Object> template =
        app.getBean("broadcasterKafkaTemplate", KafkaTemplate.class);
    final ProducerRecord<String, Object> record =
        new ProducerRecord<>("execution-proofs", proof.blockHash().toHexString(), proof);
    Proofs.headersFor(proof).writeTo(record.headers());
    template.send(record).join();
  }
}
