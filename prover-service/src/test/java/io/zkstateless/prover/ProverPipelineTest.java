package io.zkstateless.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.kafka.ExecutionProofDeserializer;
import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The whole prover, twice in a row on one real PostgreSQL and one real Kafka broker, fed by a
 * scripted beacon node: blocks in, mock proofs out; a restart in the middle of proving and a gap
 * while it is down; a side branch; an operator's request. Every (block, proof type) must reach
 * Kafka exactly once, as a valid mock proof with correct headers.
 */
@EmbeddedKafka(partitions = 2, topics = "execution-proofs")
class ProverPipelineTest {

  private static final String TOPIC = "execution-proofs";
  private static final String TOKEN = "prover-admin-token-0123456789";
  private static final ProofTypeRegistry TYPES = ProofTypeRegistry.defaults();
  private static ScriptedBeaconNode beacon;
  private static String database;
  private final Map<String, ScriptedBeaconNode.Block> blocks = new HashMap<>();
  private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

  @BeforeAll
  static void dependencies() throws Exception {
    beacon = new ScriptedBeaconNode(block("g", 0, null, false));
    database = EmbeddedPostgresSupport.newDatabase();
  }

  @AfterAll
  static void stopBeacon() {
    beacon.close();
  }

  @Test
  void provesEveryBlockOncePerProofTypeAcrossARestart(final EmbeddedKafkaBroker kafka) {
    try (Consumer<String, byte[]> consumer = consumer(kafka)) {
      kafka.consumeFromAnEmbeddedTopic(consumer, TOPIC);
      final ConfigurableApplicationContext first = startProver(kafka);
      // The blocks below arrive as live events (catch-up at start is tested in BeaconWatcherTest).
      awaitOneLiveSubscriber();
      chain("a", "g", 1, 5);
      beacon.addBlock(remember(block("side", 4, "a3", true)));
      awaitProofs(consumer, 6);

      chain("a", "a5", 6, 10);
      await().until(() -> jobCount(first) >= 2 * 11);
      first.close();
      assertThat(unfinishedJobs()).as("the restart interrupts work in progress").isPositive();
      // While the prover is down the chain grows without it hearing of it.
      for (int n = 11; n <= 12; n++) {
        beacon.addBlockSilently(remember(block("a" + n, n, "a" + (n - 1), true)));
      }
      beacon.setHeadSilently(hex("r", "a12"));

      final ConfigurableApplicationContext second = startProver(kafka);
      awaitOneLiveSubscriber();
      try {
        chain("a", "a12", 13, 13);
        awaitProofs(consumer, 14);

        final WebClient client = WebClient.create("http://localhost:" + port(second));
        final ScriptedBeaconNode.Block orphan = remember(block("orphan", 7, "a6", true));
        beacon.addBlockSilently(orphan);
        assertThat(admin(client, null, orphan.root())).startsWith("401");
        assertThat(admin(client, "Bearer " + TOKEN, orphan.root()))
            .startsWith("200")
            .contains("\"queued\":2");
        awaitProofs(consumer, 15);
        assertThat(admin(client, "Bearer " + TOKEN, orphan.root())).contains("\"queued\":0");

        final String metrics = get(client, "/actuator/prometheus");
        assertThat(metrics)
            .contains(
                "prover_prove_seconds_count{application=\"prover-service\",outcome=\"proved\","
                    + "proof_type=\"sp1\",worker=\"sp1-mock-")
            .containsPattern(
                "prover_prove_seconds_bucket\\{[^}]*outcome=\"proved\",proof_type=\"sp1\","
                    + "worker=\"sp1-mock-\\d+\",le=\"")
            .contains(
                "prover_proof_bytes_count{application=\"prover-service\",proof_type=\"mock\"}")
            .contains("prover_jobs{application=\"prover-service\",state=\"proved\"}")
            .contains("prover_queue_depth{application=\"prover-service\",proof_type=\"mock\"}")
            .contains(
                "prover_workers{application=\"prover-service\",proof_type=\"mock\",state=\"total\"} 2.0");
        assertThat(get(client, "/actuator/health/readiness"))
            .contains("\"zkvmWorkers\"")
            .contains("\"UP\"");
        // Give a duplicate, if any were coming, time to arrive before the final count.
        drain(consumer, Duration.ofSeconds(2));
      } finally {
        second.close();
      }
    }
    assertExactlyOneValidProofPerBlockAndType(15);
  }

  private void assertExactlyOneValidProofPerBlockAndType(final int blockCount) {
    final ExecutionProofDeserializer deserializer = new ExecutionProofDeserializer();
    final Map<String, Long> perBlockAndType =
        received.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.key() + "/" + ProofRecordHeaders.readFrom(r.headers()).proofType(),
                    Collectors.counting()));
    assertThat(perBlockAndType).hasSize(2 * blockCount);
    assertThat(perBlockAndType.values()).containsOnly(1L);
    for (final ConsumerRecord<String, byte[]> record : received) {
      final ExecutionProof proof = deserializer.deserialize(TOPIC, record.value());
      final ProofRecordHeaders headers = ProofRecordHeaders.readFrom(record.headers());
      final int typeId = TYPES.byName(headers.proofType()).id();
      assertThat(record.key()).isEqualTo(proof.blockHash().toHexString());
      assertThat(proof.subnetId().value()).isEqualTo(typeId);
      assertThat(proof.version()).isEqualTo(1);
      assertThat(MockProofScheme.check(proof.blockHash(), typeId, proof.proofData().toArray()))
          .isEmpty();
      final ScriptedBeaconNode.Block block = blocks.get(proof.blockHash().toHexString());
      assertThat(headers.slot()).isEqualTo(block.slot());
      assertThat(headers.blockNumber()).isEqualTo(block.executionBlockNumber());
      assertThat(headers.beaconBlockRoot().toHexString()).isEqualTo(block.root());
      assertThat(headers.proverId()).isEqualTo("prover-it");
    }
  }

  private ConfigurableApplicationContext startProver(final EmbeddedKafkaBroker kafka) {
    // Command-line arguments, so they win over application.yaml's environment defaults.
    final String[] args = {
      "--server.port=0",
      "--spring.datasource.url=" + database,
      "--spring.datasource.username=postgres",
      "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
      "--prover.watch.url=" + beacon.url(),
      "--prover.watch.reconnect-initial-backoff=PT0.05S",
      "--prover.watch.reconnect-max-backoff=PT0.2S",
      "--prover.admin.token=" + TOKEN,
      "--prover.jobs.prover-id=prover-it",
      "--prover.jobs.poll-interval=PT0.05S",
      "--prover.jobs.drop-behind-finalized=false",
      "--prover.workers.pools.mock.count=2",
      "--prover.workers.pools.mock.mock.proving-time=PT0.15S",
      "--prover.workers.pools.mock.mock.proof-size=2048",
      "--prover.workers.pools.sp1.kind=mock",
      "--prover.workers.pools.sp1.mock.proving-time=PT0.1S",
      "--prover.workers.pools.sp1.mock.proof-size=1024"
    };
    return new SpringApplicationBuilder(ProverApplication.class).run(args);
  }

  /**
   * Blocks prefix{from}..prefix{to} on {@code parent}, slot = number, moving the head each time.
   */
  private void chain(final String prefix, final String parent, final int from, final int to) {
    String previous = parent;
    for (int n = from; n <= to; n++) {
      final ScriptedBeaconNode.Block block = remember(block(prefix + n, n, previous, true));
      beacon.addBlock(block);
      beacon.setHead(block.root());
      previous = prefix + n;
    }
  }

  /**
   * Waits until exactly the running prover listens: heartbeats (ignored by the watcher) flush out
   * the stream of a stopped prover, which the node only notices when a write fails.
   */
  private static void awaitOneLiveSubscriber() {
    await()
        .until(
            () -> {
              beacon.emit("heartbeat", "{}");
              return beacon.openSubscriptions() == 1;
            });
  }

  private void awaitProofs(final Consumer<String, byte[]> consumer, final int blockCount) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              drain(consumer, Duration.ofMillis(200));
              return received.stream()
                      .map(r -> r.key() + ProofRecordHeaders.readFrom(r.headers()).proofType())
                      .distinct()
                      .count()
                  >= 2L * blockCount;
            });
  }

  private void drain(final Consumer<String, byte[]> consumer, final Duration wait) {
    KafkaTestUtils.getRecords(consumer, wait).forEach(received::add);
  }

  private ScriptedBeaconNode.Block remember(final ScriptedBeaconNode.Block block) {
    blocks.put(block.executionBlockHash(), block);
    return block;
  }

  private static long unfinishedJobs() {
    return JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), database, "postgres", ""))
        .sql("SELECT count(*) FROM prover.proof_job WHERE state <> 'proved'")
        .query(Long.class)
        .single();
  }

  private static long jobCount(final ConfigurableApplicationContext context) {
    return context
        .getBean(JdbcClient.class)
        .sql("SELECT count(*) FROM prover.proof_job")
        .query(Long.class)
        .single();
  }

  private static int port(final ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static String admin(
      final WebClient client, final String authorization, final String root) {
    return client
        .post()
        .uri("/api/v1/admin/proofs?beaconBlock=" + root)
        .headers(
            h -> {
              if (authorization != null) {
                h.set("Authorization", authorization);
              }
            })
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(b -> r.statusCode().value() + " " + b))
        .block();
  }

  private static String get(final WebClient client, final String path) {
    return client.get().uri(path).exchangeToMono(r -> r.bodyToMono(String.class)).block();
  }

  private static Consumer<String, byte[]> consumer(final EmbeddedKafkaBroker kafka) {
    final Map<String, Object> props =
        KafkaTestUtils.consumerProps(kafka, "test-" + System.nanoTime(), true);
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", ByteArrayDeserializer.class);
    return new DefaultKafkaConsumerFactory<String, byte[]>(props).createConsumer();
  }

  static String hex(final String prefix, final String name) {
    final byte[] bytes = new byte[32];
    final byte[] label = (prefix + name).getBytes();
    System.arraycopy(label, 0, bytes, 0, label.length);
    return Bytes32.wrap(bytes).toHexString();
  }

  static ScriptedBeaconNode.Block block(
      final String name, final long slot, final String parent, final boolean payload) {
    return new ScriptedBeaconNode.Block(
        hex("r", name),
        slot,
        parent == null ? Bytes32.ZERO.toHexString() : hex("r", parent),
        payload ? hex("e", name) : Bytes32.ZERO.toHexString(),
        slot);
  }
}
