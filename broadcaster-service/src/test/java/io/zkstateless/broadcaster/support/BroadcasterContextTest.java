package io.zkstateless.broadcaster.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.proof.ExecutionProof;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * One application context on one embedded KRaft broker, shared (through Spring's context cache) by
 * every class that extends this; tests keep apart by using fresh block hashes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "broadcaster.fork-digest=0xbfe0d3f4",
      "broadcaster.p2p.enabled=false",
      "broadcaster.admin.token=" + BroadcasterContextTest.TOKEN,
      "broadcaster.retry.attempts=4",
      "broadcaster.retry.initial-backoff=300ms",
      "broadcaster.retry.multiplier=2",
      "broadcaster.retry.max-backoff=1s",
      "broadcaster.retry.timeout=60s",
      "broadcaster.usefulness-window=10m",
      "broadcaster.metrics.retry-queue-interval=300ms",
      "spring.kafka.listener.poll-timeout=300ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"execution-proofs", "broadcast-results"},
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(KafkaTestSetup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BroadcasterContextTest {

  public static final String TOKEN = "test-admin-token-0123456789";
  protected static final java.time.Duration WAIT = java.time.Duration.ofSeconds(20);

  @Autowired protected KafkaTemplate<String, Object> broadcasterKafkaTemplate;
  @Autowired protected ScriptedGossipPublisher gossip;
  @Autowired protected KafkaListenerEndpointRegistry registry;
  @Autowired protected MeterRegistry meters;
  @Autowired protected EmbeddedKafkaBroker broker;
  @LocalServerPort protected int port;

  protected ResultsTopic results;

  @BeforeAll
  void readResults() {
    results = new ResultsTopic(broker.getBrokersAsString(), "broadcast-results");
  }

  @AfterAll
  void closeResults() {
    results.close();
  }

  protected void send(final ExecutionProof proof) {
    final ProducerRecord<String, Object> record =
        new ProducerRecord<>("execution-proofs", hash(proof), proof);
    Proofs.headersFor(proof).writeTo(record.headers());
    broadcasterKafkaTemplate.send(record).join();
  }

  protected double counter(final String result) {
    return meters.get("broadcaster_published_total").tag("result", result).counter().count();
  }

  protected static String hash(final ExecutionProof proof) {
    return proof.blockHash().toHexString();
  }
}
