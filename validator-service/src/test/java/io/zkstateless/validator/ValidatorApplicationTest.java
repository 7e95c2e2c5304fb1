package io.zkstateless.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.kafka.ExecutionProofSerializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The whole service on a real PostgreSQL, a real Kafka broker and a scripted beacon node. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"validator.p2p.fork-digest=0xbfe0d3f4", "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0"})
@EmbeddedKafka(partitions = 1, topics = {"proven-blocks", "execution-proofs"})
class ValidatorApplicationTest {

  private static final String ZERO = Bytes32.ZERO.toHexString();
  private static final String GENESIS = "0x" + "11".repeat(32);
  private static final String BLOCK_1 = "0x" + "22".repeat(32);
  private static final String PAYLOAD_1 = "0x" + "33".repeat(32);
  private static final String TOKEN = "test-admin-token-0123456789";
  private static ScriptedBeaconNode beacon;

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private ProvenChainService chain;
  @Autowired private EmbeddedKafkaBroker kafka;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(GENESIS, 0, ZERO, ZERO, 0));
    registry.add("validator.beacon.url", () -> beacon.url().toString());
    registry.add("validator.admin.token", () -> TOKEN);
  }

  @AfterAll
  static void stopBeacon() {
    beacon.close();
  }

  @Test
  void followsTheChainAndPublishesProvenBlocks() {
    final WebClient client = client();
    await().untilAsserted(() -> assertThat(
        client.get().uri("/actuator/health/readiness").exchangeToMono(r -> r.bodyToMono(String.class)).block(Duration.ofSeconds(30)))
        .contains("\"status\":\"UP\"")
        .contains("\"beaconFollower\"")
        .contains("\"p2p\"")
        .contains("\"kafka\"")
        .contains("\"verifiers\""));

    beacon.addBlock(new ScriptedBeaconNode.Block(BLOCK_1, 1, GENESIS, PAYLOAD_1, 100));
    beacon.setHead(BLOCK_1);
    await()
        .until(() -> chain.heads().map(heads -> heads.optimisticHead().slot() == 1).orElse(false));
    try (Producer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>("execution-proofs", PAYLOAD_1, new byte[] {1, 2, 3}));
      final ExecutionProof proof = new ExecutionProof(Bytes32.fromHex(PAYLOAD_1), ExecutionProofSubnetId.of(7), 1,
          ImmutableBytes.of(MockProofScheme.create(Bytes32.fromHex(PAYLOAD_1), 7, 300 * 1024)), Instant.now().getEpochSecond());
      producer.send(new ProducerRecord<>("execution-proofs", PAYLOAD_1, new ExecutionProofSerializer().serialize("execution-proofs", proof)));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> chain.heads().map(heads -> heads.provenHead().slot() == 1).orElse(false));

    assertThat(get(client, "/api/v1/blocks/" + BLOCK_1))
        .startsWith("200").contains("\"proven\":true").contains("\"canonical\":true")
        .contains("\"sizeBytes\":307200").contains("\"source\":\"kafka\"");
    assertThat(get(client, "/api/v1/blocks/" + PAYLOAD_1)).startsWith("200").contains("\"root\":\"" + BLOCK_1 + "\"");
    assertThat(get(client, "/api/v1/proven-chain?limit=10"))
        .startsWith("200").contains(GENESIS).contains(BLOCK_1);
    assertThat(get(client, "/api/v1/blocks/0x12")).startsWith("400");
    assertThat(get(client, "/api/v1/blocks/0x" + "99".repeat(32))).startsWith("404");
    assertThat(get(client, "/api/v1/proven-chain?limit=0")).startsWith("400");
    final String heads = client.get().uri("/api/v1/heads").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
    assertThat(heads).contains("\"gapSlots\":0").contains("\"root\":\"" + BLOCK_1 + "\"");
    final String metrics = client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
    assertThat(metrics).contains("validator_proven_head_slot{application=\"validator-service\"} 1.0")
        .contains("validator_proofs_total{application=\"validator-service\",reason=\"stored\",result=\"accept\",source=\"kafka\"} 1.0")
        .contains("validator_proofs_total{application=\"validator-service\",reason=\"undecodable\",result=\"reject\",source=\"kafka\"} 1.0");

    final List<String> published = new ArrayList<>();
    try (Consumer<String, String> consumer = consumer()) {
      kafka.consumeFromAnEmbeddedTopic(consumer, "proven-blocks");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        for (final ConsumerRecord<String, String> record : KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500))) {
          published.add(record.key() + " " + record.value());
        }
        assertThat(published).anyMatch(r -> r.startsWith(BLOCK_1) && r.contains("\"type\":\"block_proven\""));
        assertThat(published).anyMatch(r -> r.contains("\"type\":\"proven_head_moved\"") && r.contains("\"slot\":1"));
      });
    }
  }

  @Test
  void migratesTheSchemaAndServesLivenessAndMetrics() {
    assertThat(jdbc.sql("SELECT max(version) FROM flyway_schema_history").query(String.class).single())
        .isEqualTo("2");
    final WebClient client = client();
    final String liveness =
        client.get().uri("/actuator/health/liveness").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
    // Liveness must never depend on a dependency: a broker or beacon outage must not restart us.
    assertThat(liveness).contains("\"status\":\"UP\"").doesNotContain("kafka").doesNotContain("beaconFollower")
        .doesNotContain("verifiers").doesNotContain("\"db\"");
    final String metrics =
        client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
    assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"validator-service\"");
    assertThat(get(client, "/v3/api-docs"))
        .startsWith("200").contains("/api/v1/heads").contains("/api/v1/blocks/{id}").contains("/api/v1/admin/proofs")
        .contains("/api/v1/admin/ingestion/pause").contains("/api/v1/admin/blocks/{id}/reverify");
  }

  @Test
  void adminApiNeedsTheTokenAndValidatesBodies() {
    final WebClient client = client();
    assertThat(post(client, null, new byte[] {1})).startsWith("401");
    assertThat(post(client, "Bearer wrong-token-but-long-enough", new byte[] {1})).startsWith("401");
    assertThat(post(client, "Bearer " + TOKEN, new byte[] {1, 2, 3}))
        .startsWith("400").contains("shorter than the fixed part of 56");
    assertThat(post(client, "Bearer " + TOKEN, new byte[5 * 1024 * 1024])).startsWith("413");
    final ExecutionProof junk = new ExecutionProof(Bytes32.fromHex(PAYLOAD_1), ExecutionProofSubnetId.of(7), 1,
        ImmutableBytes.of(new byte[] {9}), Instant.now().getEpochSecond());
    assertThat(post(client, "Bearer " + TOKEN, new ExecutionProofSerializer().serialize("t", junk)))
        .startsWith("200").contains("\"verdict\":\"").doesNotContain(TOKEN);
  }

  @Test
  void adminOperationsNeedTheTokenValidateInputAndPauseIngestion() {
    final WebClient client = client();
    final String bearer = "Bearer " + TOKEN;
    for (final String[] call : new String[][] {{"POST", "/api/v1/admin/blocks/" + GENESIS + "/reverify"},
        {"POST", "/api/v1/admin/backfill"}, {"GET", "/api/v1/admin/ingestion"},
        {"POST", "/api/v1/admin/ingestion/pause"}, {"POST", "/api/v1/admin/ingestion/resume"}}) {
      assertThat(call(client, call[0], call[1], null)).as(call[1]).startsWith("401");
    }
    assertThat(call(client, "GET", "/api/v1/admin/ingestion", null)).startsWith("401");
    assertThat(call(client, "POST", "/api/v1/admin/blocks/0x12/reverify", bearer))
        .startsWith("400").contains("32-byte hex");
    assertThat(call(client, "POST", "/api/v1/admin/blocks/0x" + "99".repeat(32) + "/reverify", bearer))
        .startsWith("404");
    await().until(() -> chain.isAnchored());
    assertThat(call(client, "POST", "/api/v1/admin/blocks/" + GENESIS + "/reverify", bearer))
        .startsWith("200").contains("\"root\":\"" + GENESIS + "\"").contains("\"failed\":0");
    assertThat(call(client, "POST", "/api/v1/admin/backfill", bearer))
        .startsWith("202").contains("\"queued\":").contains("\"followerState\":");

    try {
      assertThat(call(client, "POST", "/api/v1/admin/ingestion/pause", bearer))
          .startsWith("200").contains("\"paused\":true");
      await().untilAsserted(() -> assertThat(call(client, "GET", "/api/v1/admin/ingestion", bearer))
          .startsWith("200").contains("\"paused\":true").contains("\"kafkaListener\":\"paused\""));
      final ExecutionProof proof = new ExecutionProof(Bytes32.fromHex(PAYLOAD_1), ExecutionProofSubnetId.of(7), 1,
          ImmutableBytes.of(new byte[] {9}), Instant.now().getEpochSecond());
      assertThat(post(client, bearer, new ExecutionProofSerializer().serialize("t", proof)))
          .startsWith("200").contains("\"verdict\":\"IGNORE\"").contains("\"reason\":\"paused\"");
    } finally {
      assertThat(call(client, "POST", "/api/v1/admin/ingestion/resume", bearer))
          .startsWith("200").contains("\"paused\":false");
    }
    await().untilAsserted(() -> assertThat(call(client, "GET", "/api/v1/admin/ingestion", bearer))
        .contains("\"kafkaListener\":\"running\""));
  }

  /**
   * A client that opens a new connection per request: a full-build run once hung forever on a
   * reused keep-alive connection, so requests here neither share connections nor wait unbounded.
   */
  private WebClient client() {
    return WebClient.builder()
        .baseUrl("http://localhost:" + port)
        .clientConnector(new ReactorClientHttpConnector(
            HttpClient.create(ConnectionProvider.newConnection()).responseTimeout(Duration.ofSeconds(30))))
        .build();
  }

  private static String get(final WebClient client, final String uri) {
    return client.get().uri(uri)
        .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(b -> r.statusCode().value() + " " + b))
        .block(Duration.ofSeconds(30));
  }

  private static String call(
      final WebClient client, final String method, final String uri, final String authorization) {
    return client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
        .headers(h -> { if (authorization != null) { h.set("Authorization", authorization); } })
        .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(b -> r.statusCode().value() + " " + b))
        .block(Duration.ofSeconds(30));
  }

  private static String post(final WebClient client, final String authorization, final byte[] body) {
    return client.post().uri("/api/v1/admin/proofs")
        .headers(h -> { if (authorization != null) { h.set("Authorization", authorization); } })
        .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
        .bodyValue(body)
        .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(b -> r.statusCode().value() + " " + b))
        .block(Duration.ofSeconds(30));
  }

  private Producer<String, byte[]> producer() {
    final Map<String, Object> props = KafkaTestUtils.producerProps(kafka);
    props.put("key.serializer", StringSerializer.class);
    props.put("value.serializer", ByteArraySerializer.class);
    return new DefaultKafkaProducerFactory<String, byte[]>(props).createProducer();
  }

  private Consumer<String, String> consumer() {
    final Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "test-" + System.nanoTime(), true);
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", StringDeserializer.class);
    return new DefaultKafkaConsumerFactory<String, String>(props).createConsumer();
  }
}
