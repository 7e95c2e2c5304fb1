package io.zkstateless.e2e;

import static io.zkstateless.e2e.support.ServiceArgs.UNUSED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.gossip.P2pGossipPublisher;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.Services;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.TopicReader;
import io.zkstateless.e2e.support.ValidatorProbe;
import io.zkstateless.prover.ProverApplication;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

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
 * context is pointed at its own module's {@code application.yaml} and Flyway migrations by {@link
 * Services}, since in one classpath the three jars' same-named resources would shadow each other.
 * Asserted: the proven head reaches the last block, every block is proven, the validator stores
 * every (block, proof type) exactly once and only from gossip, and the broadcaster reports each
 * proof published once.
 */
class GossipPathEndToEndTest {

  private static final int BLOCKS = 10;
  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));

  private static EmbeddedKafkaKraftBroker kafka;
  private static ScriptedBeaconNode beacon;
  private static FixtureExecutionClient executionClient;
  private static final Services SERVICES = new Services();
  private static ConfigurableApplicationContext validator;
  private static ConfigurableApplicationContext broadcaster;
  private static ValidatorProbe probe;

  @BeforeAll
  static void startTopology() throws Exception {
    kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, "execution-proofs", "broadcast-results", "proven-blocks", UNUSED_TOPIC);
    kafka.afterPropertiesSet();
    beacon = new ScriptedBeaconNode(TestChain.genesis());
    executionClient = FixtureExecutionClient.start();
    final String proverDb = EmbeddedPostgresSupport.newDatabase();
    final String validatorDb = EmbeddedPostgresSupport.newDatabase();
    final String brokers = kafka.getBrokersAsString();

    validator =
        SERVICES.start(
            ValidatorApplication.class,
            "validator",
            ServiceArgs.validator(brokers, validatorDb, beacon.url(), PROOF_TYPES));
    probe = new ValidatorProbe(validator, validatorDb);
    broadcaster =
        SERVICES.start(
            BroadcasterApplication.class,
            "broadcaster",
            ServiceArgs.broadcasterInJvm(brokers, List.of(probe.p2pAddress())));
    SERVICES.start(
        ProverApplication.class,
        "prover",
        ServiceArgs.prover(brokers, proverDb, executionClient.url(), beacon.url()));
  }

  @AfterAll
  static void stopTopology() {
    SERVICES.close();
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
    TestChain.extend(beacon, 1, BLOCKS);
    final ProvenChainService chain = validator.getBean(ProvenChainService.class);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                chain.heads().map(h -> h.provenHead().slot()).orElse(-1L) == BLOCKS
                    && probe.storedProofs().size() == BLOCKS * PROOF_TYPES.size());
    System.out.printf(
        "e2e: %d blocks x %d proof types proven via gossip in %d ms%n",
        BLOCKS, PROOF_TYPES.size(), (System.nanoTime() - started) / 1_000_000);

    assertEachServiceReadItsOwnConfiguration();
    assertEveryBlockProvenThroughTheApi();
    assertEveryProofStoredOnceFromGossip();
    assertEveryProofPublishedOnce();
    assertThat(probe.proofCount("gossip", "accept")).isEqualTo(BLOCKS * PROOF_TYPES.size());
    assertThat(probe.proofCount("kafka", "accept")).isZero();
    assertThat(chain.heads().orElseThrow().provenHead().slot()).isEqualTo(BLOCKS);
    assertThat(chain.heads().orElseThrow().gapSlots()).isZero();
  }

  /** Guards the per-context {@code spring.config.location}: no service ran on another's yaml. */
  private static void assertEachServiceReadItsOwnConfiguration() {
    assertThat(SERVICES.contexts())
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
              .uri("/api/v1/blocks/" + TestChain.beaconRoot(slot))
              .retrieve()
              .bodyToMono(String.class)
              .block(Duration.ofSeconds(10));
      assertThat(body).as("block at slot %d", slot).contains("\"proven\":true");
    }
  }

  private static void assertEveryProofStoredOnceFromGossip() {
    final List<String> expected =
        TestChain.proofKeys(1, BLOCKS, PROOF_TYPES.values()).stream().map(k -> k + "/gossip").toList();
    assertThat(probe.storedProofs())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void assertEveryProofPublishedOnce() {
    final List<JsonNode> results = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka, "broadcast-results")) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                results.clear();
                results.addAll(reader.pollJson(Duration.ofMillis(300)));
                return results.size() >= BLOCKS * PROOF_TYPES.size();
              });
      // A duplicate, if one were coming, would be right behind.
      results.clear();
      results.addAll(reader.pollJson(Duration.ofSeconds(1)));
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
}
