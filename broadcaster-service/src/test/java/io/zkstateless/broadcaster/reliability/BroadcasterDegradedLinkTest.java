package io.zkstateless.broadcaster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.support.KafkaTestSetup;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ResultsTopic;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.kafka.ExecutionProofSerializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.test.fault.Degradation;
import io.zkstateless.common.test.fault.DegradedRun;
import io.zkstateless.common.test.fault.ServiceProbe;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The broadcaster's link to Kafka (every proof is consumed from it, every result produced to it)
 * slowed rather than cut, under a stream of 256 KiB proofs: latency, then a 1 MiB/s cap, for
 * {@link Degradation#LENGTH} each, then lifted; one broadcaster through both (scripted p2p node).
 * Asserted in each: no crash, readiness answers throughout and never blames a healthy dependency,
 * the backlog drains after the lift, every proof is gossiped with a {@code published} result.
 * Copies are counted: the broadcaster is at-least-once (see {@code BroadcasterKafkaFaultsTest}),
 * though a slow link closes no connection and loses no commit, so none is expected here.
 */
class BroadcasterDegradedLinkTest {

  private static final Logger LOG = LoggerFactory.getLogger(BroadcasterDegradedLinkTest.class);
  /** 10 proofs a second of 256 KiB: 2.5 MiB/s, over the 1 MiB/s cap. */
  private static final int PROOFS_PER_SECOND = 10;
  private static final int PROOF_SIZE = 256 * 1024;
  private static KafkaTestBroker kafka;
  private static ConfigurableApplicationContext broadcaster;
  private static ServiceProbe probe;
  private static ScriptedGossipPublisher gossip;
  private static KafkaProducer<String, byte[]> producer;
  private static ResultsTopic results;
  private static final List<ExecutionProof> sent = new ArrayList<>();

  @BeforeAll
  static void start() {
    kafka = KafkaTestBroker.start("execution-proofs", "broadcast-results");
    broadcaster = new SpringApplicationBuilder(BroadcasterApplication.class, KafkaTestSetup.class).run(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=" + kafka.proxiedBootstrapServers(),
        "--broadcaster.fork-digest=0xbfe0d3f4",
        "--broadcaster.p2p.enabled=false",
        "--broadcaster.admin.token=test-admin-token-0123456789",
        "--spring.kafka.listener.poll-timeout=300ms");
    probe = new ServiceProbe(((WebServerApplicationContext) broadcaster).getWebServer().getPort());
    gossip = broadcaster.getBean(ScriptedGossipPublisher.class);
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.request.size", 8388608),
        new StringSerializer(), new ByteArraySerializer());
    results = new ResultsTopic(kafka.bootstrapServers(), "broadcast-results");
    await().atMost(Duration.ofSeconds(60)).until(probe::ready);
    // Warm-up, not measured: the first proofs pay for class loading and connection set-up.
    for (int i = 0; i < 5; i++) {
      send();
    }
    producer.flush();
    sent.forEach(p -> results.await(p.blockHash().toHexString(), Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    if (results != null) {
      results.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (broadcaster != null) {
      broadcaster.close();
    }
    kafka.close();
  }

  static Stream<Arguments> degradations() {
    return Stream.of(Arguments.of(Degradation.latency()), Arguments.of(Degradation.bandwidth()));
  }

  @ParameterizedTest(name = "kafka: {0}")
  @MethodSource("degradations")
  void gossipsEveryProofThroughASlowLinkAndDrainsAfterTheLift(final Degradation degradation) throws Exception {
    final DegradedRun run = DegradedRun.start("broadcaster-kafka", kafka.link(), degradation, probe,
        BroadcasterDegradedLinkTest::gossiped);
    final long interval = 1000 / PROOFS_PER_SECOND;
    final long end = System.nanoTime() + Degradation.LENGTH.toNanos();
    while (System.nanoTime() < end) {
      send();
      Thread.sleep(interval);
    }
    producer.flush();
    run.lift(sent.size());
    run.awaitDrained(sent.size(), Duration.ofSeconds(120));
    LOG.info(run.report());

    run.assertReadinessTruthful("kafka");
    await().atMost(Duration.ofSeconds(30)).until(probe::ready);
    int copies = 0;
    for (final ExecutionProof proof : sent) {
      final String hash = proof.blockHash().toHexString();
      results.await(hash, Duration.ofSeconds(30));
      assertThat(results.of(hash)).as("results for %s", hash)
          .allSatisfy(r -> assertThat(r.path("result").asString()).isEqualTo("published"));
      copies += gossip.publicationsOf(hash).size() - 1;
    }
    LOG.info("{} proofs so far, {} gossiped more than once", sent.size(), copies);
  }

  /** Proofs gossiped at least once so far. */
  private static long gossiped() {
    return sent.stream().filter(p -> !gossip.publicationsOf(p.blockHash().toHexString()).isEmpty()).count();
  }

  private static void send() {
    final ExecutionProof small = Proofs.fresh(7);
    final byte[] data = new byte[PROOF_SIZE];
    Arrays.fill(data, (byte) sent.size());
    final ExecutionProof proof = new ExecutionProof(small.blockHash(), small.subnetId(), small.version(),
        ImmutableBytes.of(data), small.timestamp());
    final ProducerRecord<String, byte[]> record = new ProducerRecord<>("execution-proofs",
        proof.blockHash().toHexString(), new ExecutionProofSerializer().serialize("execution-proofs", proof));
    Proofs.headersFor(proof).writeTo(record.headers());
    producer.send(record);
    sent.add(proof);
  }
}
