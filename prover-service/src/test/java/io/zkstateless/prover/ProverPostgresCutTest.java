package io.zkstateless.prover;

import static io.zkstateless.prover.ProverPipelineTest.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.FaultProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The prover's link to PostgreSQL (its job table) is cut while blocks keep arriving, then
 * restored; {@code -Dreliability.cut.seconds} long, 10 s by default. Asserted: no crash, readiness
 * reports the outage, proving resumes by itself and every (block, proof type) reaches Kafka
 * exactly once.
 */
@EmbeddedKafka(partitions = 1, topics = "execution-proofs")
class ProverPostgresCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverPostgresCutTest.class);
  private static final Duration CUT = Duration.ofSeconds(Long.getLong("reliability.cut.seconds", 10));
  private static final int BLOCKS = 8;
  private static ScriptedBeaconNode beacon;
  private static FaultProxy database;
  private static String url;
  private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

  @BeforeAll
  static void dependencies() throws Exception {
    beacon = new ScriptedBeaconNode(block("g", 0, null, false));
    database = FaultProxy.to("127.0.0.1", EmbeddedPostgresSupport.server().getPort());
    url = EmbeddedPostgresSupport.newDatabase()
        .replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://" + database.hostAndPort() + "/");
  }

  @AfterAll
  static void stop() {
    database.close();
    beacon.close();
  }

  @Test
  void survivesAPostgresCutAndProvesEveryBlockOnce(final EmbeddedKafkaBroker kafka) throws Exception {
    try (Consumer<String, byte[]> consumer = consumer(kafka);
        ConfigurableApplicationContext prover = start(kafka)) {
      kafka.consumeFromAnEmbeddedTopic(consumer, "execution-proofs");
      final WebClient client = WebClient.create(
          "http://localhost:" + ((WebServerApplicationContext) prover).getWebServer().getPort());
      await().atMost(Duration.ofSeconds(60)).until(() -> status(client, "/actuator/health/readiness") == 200);
      chain(1, 3);
      awaitProofs(consumer, 3);

      database.cut();
      final Instant cutAt = Instant.now();
      chain(4, 6);
      await().atMost(CUT.plusSeconds(10)).until(() -> status(client, "/actuator/health/readiness") == 503);
      assertThat(status(client, "/actuator/health/liveness")).isEqualTo(200);
      Thread.sleep(Math.max(0, CUT.minus(Duration.between(cutAt, Instant.now())).toMillis()));

      database.restore();
      final Instant restoredAt = Instant.now();
      awaitProofs(consumer, 6);
      LOG.info("Recovered {} after a {} cut", Duration.between(restoredAt, Instant.now()), CUT);
      await().atMost(Duration.ofSeconds(30)).until(() -> status(client, "/actuator/health/readiness") == 200);
      chain(7, BLOCKS);
      awaitProofs(consumer, BLOCKS);
      // Give a duplicate, if any were coming, time to arrive before the final count.
      KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(2)).forEach(received::add);
    }
    final Map<String, Long> perBlockAndType = received.stream().collect(Collectors.groupingBy(
        r -> r.key() + "/" + ProofRecordHeaders.readFrom(r.headers()).proofType(), Collectors.counting()));
    assertThat(perBlockAndType).hasSize(2 * BLOCKS);
    assertThat(perBlockAndType.values()).as("each (block, proof type) published once").containsOnly(1L);
  }

  private ConfigurableApplicationContext start(final EmbeddedKafkaBroker kafka) {
    return new SpringApplicationBuilder(ProverApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
        "--prover.watch.url=" + beacon.url(),
        "--prover.watch.reconnect-initial-backoff=PT0.05S",
        "--prover.watch.reconnect-max-backoff=PT1S",
        "--prover.admin.token=prover-admin-token-0123456789",
        "--prover.jobs.prover-id=prover-cut",
        "--prover.jobs.poll-interval=PT0.05S",
        "--prover.jobs.drop-behind-finalized=false",
        "--prover.workers.pools.mock.count=2",
        "--prover.workers.pools.mock.mock.proving-time=PT0.1S",
        "--prover.workers.pools.mock.mock.proof-size=1024",
        "--prover.workers.pools.sp1.kind=mock",
        "--prover.workers.pools.sp1.mock.proving-time=PT0.1S",
        "--prover.workers.pools.sp1.mock.proof-size=1024");
  }

  private static void chain(final int from, final int to) {
    for (int n = from; n <= to; n++) {
      final ScriptedBeaconNode.Block block = block("c" + n, n, n == 1 ? "g" : "c" + (n - 1), true);
      beacon.addBlock(block);
      beacon.setHead(block.root());
    }
  }

  private void awaitProofs(final Consumer<String, byte[]> consumer, final int blockCount) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      KafkaTestUtils.getRecords(consumer, Duration.ofMillis(200)).forEach(received::add);
      return received.stream().map(r -> r.key() + ProofRecordHeaders.readFrom(r.headers()).proofType())
          .distinct().count() >= 2L * blockCount;
    });
  }

  private static int status(final WebClient client, final String path) {
    return client.get().uri(path).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .block(Duration.ofSeconds(30));
  }

  private static Consumer<String, byte[]> consumer(final EmbeddedKafkaBroker kafka) {
    final Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "test-" + System.nanoTime(), true);
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", ByteArrayDeserializer.class);
    return new DefaultKafkaConsumerFactory<String, byte[]>(props).createConsumer();
  }
}
