package io.zkstateless.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.gossip.P2pGossipPublisher;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.ProverApplication;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.gossip.ValidatorP2pNode;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gossip path end to end. Kafka, PostgreSQL and libp2p are real; the beacon node is scripted,
 * the execution client replays fixtures and the zkVMs are mock workers:
 *
 * <pre>
 *   ScriptedBeaconNode --events--> prover (embedded PG; mock pools "mock"=7, "sp1"=1)
 *          |                         | Kafka "execution-proofs" (one embedded KRaft broker)
 *          |                         v
 *          |                       broadcaster --libp2p gossipsub, 127.0.0.1--> validator
 *          +--------------------------events---------------------------------> (embedded PG)
 * </pre>
 *
 * <p>The three services run as separate Spring contexts in this JVM. The validator's Kafka proofs
 * topic is renamed to one nobody writes to, so a proof can reach it only through gossip. Each
 * context is pointed at its own module's {@code application.yaml} and Flyway migrations, since in
 * one classpath the three jars' same-named resources would shadow each other. Asserted: the proven
 * head reaches the last block, every block is proven, the validator stores every (block, proof
 * type) exactly once and only from gossip, and the broadcaster reports each proof published once.
 */
class GossipPathEndToEndTest {

  private static final int BLOCKS = 10;
  private static final String FORK_DIGEST = "0xbfe0d3f4";
  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static EmbeddedKafkaKraftBroker kafka;
  private static ScriptedBeaconNode beacon;
  private static FixtureExecutionClient executionClient;
  private static String validatorDb;
  private static final List<ConfigurableApplicationContext> CONTEXTS = new ArrayList<>();
  private static ConfigurableApplicationContext validator;
  private static ConfigurableApplicationContext broadcaster;

  @BeforeAll
  static void startTopology() throws Exception {
    kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, "execution-proofs", "broadcast-results", "proven-blocks", "validator-unused");
    kafka.afterPropertiesSet();
    beacon = new ScriptedBeaconNode(block(0, null));
    executionClient = FixtureExecutionClient.start();
    final String proverDb = EmbeddedPostgresSupport.newDatabase();
    validatorDb = EmbeddedPostgresSupport.newDatabase();

    validator = start(ValidatorApplication.class, "validator", validatorArgs());
    final ValidatorP2pNode node = validator.getBean(ValidatorP2pNode.class);
    final String validatorAddress =
        node.listenAddresses().get(0).withPeerId(node.peerId()).toString();
    broadcaster =
        start(BroadcasterApplication.class, "broadcaster", broadcasterArgs(validatorAddress));
    start(ProverApplication.class, "prover", proverArgs(proverDb));
  }

  @AfterAll
  static void stopTopology() {
    for (int i = CONTEXTS.size() - 1; i >= 0; i--) {
      CONTEXTS.get(i).close();
    }
    if (beacon != null) {
      beacon.close();
    }
    if (executionClient != null) {
      executionClient.close();
    }
    if (kafka != null) {
      kafka.destroy();
    }
  }

  @Test
  void everyProofCrossesGossipOnceAndEveryBlockEndsProven() {
    final P2pGossipPublisher publisher = broadcaster.getBean(P2pGossipPublisher.class);
    // Publish only once the validator's subscriptions are known, so no proof needs a retry topic.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                PROOF_TYPES.values().stream()
                    .allMatch(subnet -> publisher.peersPerSubnet().getOrDefault(subnet, 0) >= 1));
    // Both the prover and the validator listen to the beacon node's events.
    await().atMost(Duration.ofSeconds(30)).until(() -> beacon.openSubscriptions() == 2);

    final long started = System.nanoTime();
    for (int slot = 1; slot <= BLOCKS; slot++) {
      final ScriptedBeaconNode.Block block = block(slot, slot - 1);
      beacon.addBlock(block);
      beacon.setHead(block.root());
    }
    final ProvenChainService chain = validator.getBean(ProvenChainService.class);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                chain.heads().map(h -> h.provenHead().slot()).orElse(-1L) == BLOCKS
                    && storedProofs().size() == BLOCKS * PROOF_TYPES.size());
    System.out.printf(
        "e2e: %d blocks x %d proof types proven via gossip in %d ms%n",
        BLOCKS, PROOF_TYPES.size(), (System.nanoTime() - started) / 1_000_000);

    assertEachServiceReadItsOwnConfiguration();
    assertEveryBlockProvenThroughTheApi();
    assertEveryProofStoredOnceFromGossip();
    assertEveryProofPublishedOnce();
    final MeterRegistry meters = validator.getBean(MeterRegistry.class);
    assertThat(proofCount(meters, "gossip", "accept")).isEqualTo(BLOCKS * PROOF_TYPES.size());
    assertThat(proofCount(meters, "kafka", "accept")).isZero();
    assertThat(chain.heads().orElseThrow().provenHead().slot()).isEqualTo(BLOCKS);
    assertThat(chain.heads().orElseThrow().gapSlots()).isZero();
  }

  /** Guards the per-context {@code spring.config.location}: no service ran on another's yaml. */
  private static void assertEachServiceReadItsOwnConfiguration() {
    assertThat(CONTEXTS)
        .extracting(c -> c.getEnvironment().getProperty("spring.application.name"))
        .containsExactly("validator-service", "broadcaster-service", "prover-service");
  }

  private static void assertEveryBlockProvenThroughTheApi() {
    final int port = ((WebServerApplicationContext) validator).getWebServer().getPort();
    final WebClient client = WebClient.create("http://localhost:" + port);
    for (int slot = 1; slot <= BLOCKS; slot++) {
      final String body =
          client
              .get()
              .uri("/api/v1/blocks/" + beaconRoot(slot))
              .retrieve()
              .bodyToMono(String.class)
              .block(Duration.ofSeconds(10));
      assertThat(body).as("block at slot %d", slot).contains("\"proven\":true");
    }
  }

  private static void assertEveryProofStoredOnceFromGossip() {
    final List<String> rows = storedProofs();
    final Set<String> expected = new HashSet<>();
    for (int slot = 1; slot <= BLOCKS; slot++) {
      for (final int type : PROOF_TYPES.values()) {
        expected.add(payloadHash(slot) + "/" + type + "/gossip");
      }
    }
    assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void assertEveryProofPublishedOnce() {
    final List<JsonNode> results = new ArrayList<>();
    try (Consumer<String, String> consumer = resultsConsumer()) {
      kafka.consumeFromAnEmbeddedTopic(consumer, "broadcast-results");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (final ConsumerRecord<String, String> record :
                    KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300))) {
                  results.add(JSON.readTree(record.value()));
                }
                return results.size() >= BLOCKS * PROOF_TYPES.size();
              });
      // A duplicate, if one were coming, would be right behind.
      KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(1))
          .forEach(r -> results.add(JSON.readTree(r.value())));
    }
    final Map<String, Long> perProof =
        results.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.path("block_hash").asString() + "/" + r.path("subnet").asInt(),
                    Collectors.counting()));
    assertThat(perProof).hasSize(BLOCKS * PROOF_TYPES.size());
    assertThat(perProof.values()).containsOnly(1L);
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.path("result").asString()).isEqualTo("published");
              assertThat(r.path("peers_reached").asInt()).isEqualTo(1);
            });
  }

  /** One "block hash/proof type/source" line per row of the validator's proof store. */
  private static List<String> storedProofs() {
    return JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), validatorDb, "postgres", ""))
        .sql("SELECT block_hash, proof_type, source FROM execution_proof")
        .query(
            (rs, n) ->
                Bytes32.wrap(rs.getBytes(1)).toHexString()
                    + "/"
                    + rs.getInt(2)
                    + "/"
                    + rs.getString(3))
        .list();
  }

  private static double proofCount(
      final MeterRegistry meters, final String source, final String result) {
    return meters
        .find("validator_proofs_total")
        .tags("source", source, "result", result)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static String[] validatorArgs() {
    return new String[] {
      "--server.port=0",
      "--spring.datasource.url=" + validatorDb,
      "--spring.datasource.username=postgres",
      "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
      // Nothing writes here: proofs can reach the validator only through gossip.
      "--validator.kafka.proofs-topic=validator-unused",
      "--validator.beacon.url=" + beacon.url(),
      "--validator.p2p.fork-digest=" + FORK_DIGEST,
      "--validator.p2p.listen-address=127.0.0.1",
      "--validator.p2p.listen-port=0",
      "--validator.ingest.verifiers.mock=mock",
      "--validator.ingest.verifiers.sp1=mock",
      "--zk.stateless-min-proofs-required=" + PROOF_TYPES.size()
    };
  }

  private static String[] broadcasterArgs(final String validatorAddress) {
    return new String[] {
      "--server.port=0",
      // The other services' JDBC and Flyway jars are on this shared classpath; it has no database.
      "--spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
      "--spring.kafka.listener.poll-timeout=300ms",
      "--broadcaster.fork-digest=" + FORK_DIGEST,
      "--broadcaster.p2p.listen-address=127.0.0.1",
      "--broadcaster.p2p.listen-port=0",
      "--broadcaster.p2p.static-peers=" + validatorAddress
    };
  }

  private static String[] proverArgs(final String database) {
    return new String[] {
      "--server.port=0",
      "--spring.datasource.url=" + database,
      "--spring.datasource.username=postgres",
      "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
      "--prover.execution-client.url=" + executionClient.url(),
      "--prover.watch.url=" + beacon.url(),
      "--prover.watch.reconnect-initial-backoff=PT0.05S",
      "--prover.watch.reconnect-max-backoff=PT0.2S",
      "--prover.jobs.prover-id=prover-e2e",
      "--prover.jobs.poll-interval=PT0.05S",
      "--prover.jobs.drop-behind-finalized=false",
      "--prover.workers.pools.mock.count=2",
      "--prover.workers.pools.mock.mock.proving-time=PT0.05S",
      "--prover.workers.pools.mock.mock.proof-size=2048",
      "--prover.workers.pools.sp1.kind=mock",
      "--prover.workers.pools.sp1.mock.proving-time=PT0.05S",
      "--prover.workers.pools.sp1.mock.proof-size=1024",
      "--zk.generate-execution-proofs=true",
      "--zk.stateless-validation=false"
    };
  }

  /**
   * Starts one service on its own module's {@code application.yaml} and migrations: all three jars
   * carry a root {@code application.yaml} (and two a {@code db/migration/V1__*.sql}), and in one
   * classpath only the first of each would be found.
   */
  private static ConfigurableApplicationContext start(
      final Class<?> application, final String service, final String[] args) {
    final Path resources = serviceResources(service);
    final List<String> all = new ArrayList<>(List.of(args));
    all.add("--spring.config.location=file:" + resources.resolve("application.yaml"));
    final Path migrations = resources.resolve("db/migration");
    if (Files.isDirectory(migrations)) {
      all.add("--spring.flyway.locations=filesystem:" + migrations);
    }
    final ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
    CONTEXTS.add(context);
    return context;
  }

  private static Path serviceResources(final String service) {
    final Path moduleDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (final Path root : List.of(moduleDir.getParent(), moduleDir)) {
      final Path candidate = root.resolve(service + "-service/src/main/resources");
      if (Files.isRegularFile(candidate.resolve("application.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Cannot find "
            + service
            + "-service/src/main/resources/application.yaml next to "
            + moduleDir
            + "; run the test from the e2e-tests module or the repository root");
  }

  private static ScriptedBeaconNode.Block block(final int slot, final Integer parent) {
    return new ScriptedBeaconNode.Block(
        beaconRoot(slot),
        slot,
        parent == null ? Bytes32.ZERO.toHexString() : beaconRoot(parent),
        slot == 0 ? Bytes32.ZERO.toHexString() : payloadHash(slot),
        slot);
  }

  private static String beaconRoot(final int slot) {
    return "0x" + "a1".repeat(28) + String.format("%08x", slot);
  }

  private static String payloadHash(final int slot) {
    return "0x" + "e7".repeat(28) + String.format("%08x", slot);
  }

  private static Consumer<String, String> resultsConsumer() {
    final Map<String, Object> props =
        KafkaTestUtils.consumerProps(kafka, "e2e-" + System.nanoTime(), true);
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", StringDeserializer.class);
    return new DefaultKafkaConsumerFactory<String, String>(props).createConsumer();
  }
}
