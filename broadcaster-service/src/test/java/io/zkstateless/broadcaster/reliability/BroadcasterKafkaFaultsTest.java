package io.zkstateless.broadcaster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.support.KafkaTestSetup;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ResultsTopic;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.kafka.ExecutionProofSerializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.fault.ServiceProbe;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Kafka faults, one broadcaster through both: its link to Kafka is cut for {@link
 * Outage#LENGTH} while provers keep publishing proofs (to the broker's direct listener; the broker
 * advertises the proxy, so the broadcaster's consumer and producer cannot route around it), then
 * the broker is stopped for as long and started again on the same port and data (proofs sent
 * meanwhile wait in the test producer's buffer, as a prover's would). Asserted each time: no
 * crash, readiness reports the outage ({@code kafka}), the proofs of the outage are gossiped after
 * it; at the end every proof was gossiped exactly once with exactly one {@code published} result.
 */
class BroadcasterKafkaFaultsTest {

  private static final Logger LOG = LoggerFactory.getLogger(BroadcasterKafkaFaultsTest.class);
  private static KafkaTestBroker kafka;

  @BeforeAll
  static void broker() {
    kafka = KafkaTestBroker.start("execution-proofs", "broadcast-results");
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void survivesAKafkaCutAndRestartAndGossipsEveryProof() throws Exception {
    final List<ExecutionProof> proofs = new ArrayList<>();
    try (ConfigurableApplicationContext broadcaster = start();
        KafkaProducer<String, byte[]> producer = producer();
        ResultsTopic results = new ResultsTopic(kafka.bootstrapServers(), "broadcast-results")) {
      final ServiceProbe probe =
          new ServiceProbe(((WebServerApplicationContext) broadcaster).getWebServer().getPort());
      final ScriptedGossipPublisher gossip = broadcaster.getBean(ScriptedGossipPublisher.class);
      await().atMost(Duration.ofSeconds(60)).until(probe::ready);
      send(producer, proofs, 4);
      proofs.forEach(p -> results.await(hash(p), Duration.ofSeconds(30)));

      kafka.link().cut();
      final Outage outage = Outage.begin();
      send(producer, proofs, 4);
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> probe.reportsDown("kafka"));
      LOG.info("Readiness reported the Kafka cut after {}", outage.sinceBegin());
      assertThat(probe.live()).isTrue();
      outage.lastOut();

      kafka.link().restore();
      outage.end();
      proofs.forEach(p -> results.await(hash(p), Duration.ofSeconds(90)));
      LOG.info(outage.report("broadcaster-kafka-cut"));
      await().atMost(Duration.ofSeconds(30)).until(probe::ready);

      kafka.stop();
      final Outage restart = Outage.begin();
      // Sent from another thread: with the broker gone a send can block on metadata (max.block.ms).
      final List<ExecutionProof> buffered = new ArrayList<>();
      final Thread sender = Thread.ofVirtual().start(() -> send(producer, buffered, 4, false));
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> probe.reportsDown("kafka"));
      assertThat(probe.live()).isTrue();
      restart.lastOut();
      kafka.startAgain();
      restart.end();
      sender.join(Duration.ofSeconds(90));
      proofs.addAll(buffered);
      proofs.forEach(p -> results.await(hash(p), Duration.ofSeconds(90)));
      LOG.info(restart.report("broadcaster-kafka-restart"));
      await().atMost(Duration.ofSeconds(30)).until(probe::ready);

      send(producer, proofs, 4);
      proofs.forEach(p -> results.await(hash(p), Duration.ofSeconds(30)));

      // Time for a late result, then the counts. The broadcaster is at-least-once by design
      // (broadcaster-service/README.md): offsets are committed asynchronously after the results
      // are durable, so a commit in flight when the link is cut is lost and those records are
      // published again after the outage (the network's seen cache, and the validator's store,
      // drop the copy; e2e ProcessKillsTest asserts exactly once in the store). What must hold
      // here: every proof gossiped and every outcome "published", none dropped or dead-lettered.
      Thread.sleep(2000);
      results.await(hash(proofs.getFirst()), node -> true, Duration.ofMillis(500));
      int redelivered = 0;
      for (final ExecutionProof proof : proofs) {
        assertThat(gossip.publicationsOf(hash(proof))).as("gossiped: %s", hash(proof)).isNotEmpty();
        assertThat(results.of(hash(proof))).as("results for %s", hash(proof)).isNotEmpty()
            .allSatisfy(r -> assertThat(r.path("result").asString()).isEqualTo("published"));
        redelivered += gossip.publicationsOf(hash(proof)).size() - 1;
      }
      LOG.info("{} proofs, {} published again after an outage (lost in-flight commits)",
          proofs.size(), redelivered);
    }
  }

  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(BroadcasterApplication.class, KafkaTestSetup.class).run(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=" + kafka.proxiedBootstrapServers(),
        "--broadcaster.fork-digest=0xbfe0d3f4",
        "--broadcaster.p2p.enabled=false",
        "--broadcaster.admin.token=test-admin-token-0123456789",
        "--spring.kafka.listener.poll-timeout=300ms");
  }

  private static void send(final KafkaProducer<String, byte[]> producer, final List<ExecutionProof> sent,
      final int count) {
    send(producer, sent, count, true);
  }

  private static void send(final KafkaProducer<String, byte[]> producer, final List<ExecutionProof> sent,
      final int count, final boolean flush) {
    for (int i = 0; i < count; i++) {
      final ExecutionProof proof = Proofs.fresh(7);
      final ProducerRecord<String, byte[]> record = new ProducerRecord<>("execution-proofs", hash(proof),
          new ExecutionProofSerializer().serialize("execution-proofs", proof));
      Proofs.headersFor(proof).writeTo(record.headers());
      producer.send(record);
      sent.add(proof);
    }
    if (flush) {
      producer.flush();
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
  }

  private static String hash(final ExecutionProof proof) {
    return proof.blockHash().toHexString();
  }
}
