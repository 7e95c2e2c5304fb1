package io.zkstateless.validator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.kafka.ExecutionProofSerializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The dashboard in a real browser: blocks come from a scripted beacon node through the follower,
 * proofs through Kafka and the ingestion pipeline, and headless Chromium must show what the
 * service knows. Slot 7 is a missed slot and block 9 never gets a proof, so the proven head
 * stops at 8 while proofs for 10 exist. Skipped without {@code /usr/bin/chromium} (CI installs it).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"validator.p2p.fork-digest=0xbfe0d3f4", "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0", "validator.ingest.verifiers.mock=mock", "validator.ingest.verifiers.sp1=mock",
      "validator.dashboard.sample-interval=PT0.05S"})
@EmbeddedKafka(partitions = 1, topics = {"proven-blocks", "execution-proofs"})
class DashboardPageTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MOCK = 7;
  private static final int SP1 = 1;
  private static ScriptedBeaconNode beacon;

  @LocalServerPort private int port;
  @Autowired private ProvenChainService chain;
  @Autowired private HeadHistory history;
  @Autowired private ProofStore proofs;
  @Autowired private EmbeddedKafkaBroker kafka;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(root(0), 0, Bytes32.ZERO.toHexString(), payload(0), 1000));
    registry.add("validator.beacon.url", () -> beacon.url().toString());
  }

  @AfterAll
  static void stopBeacon() {
    beacon.close();
  }

  @Test
  void showsHeadsGapProofsPerSubnetAndRecentBlocks() throws Exception {
    assumeTrue(HeadlessChromium.installed(),
        "no " + HeadlessChromium.BINARY + ": install Debian's chromium to run the dashboard browser test (.ci/run does)");
    await().until(chain::isAnchored);
    try (Producer<String, byte[]> producer = producer()) {
      long parent = 0;
      for (long slot = 1; slot <= 12; slot++) {
        if (slot != 7) { // 7 is a missed slot: no block
          beacon.addBlock(new ScriptedBeaconNode.Block(root(slot), slot, root(parent), payload(slot), 1000 + slot));
          beacon.setHead(root(slot));
          parent = slot;
          final long head = slot;
          // One chart sample per step, so the chart shows the heads climbing rather than one jump.
          await().until(() -> !history.samples().isEmpty() && history.samples().getLast().optimisticSlot() == head);
        }
        final long proving = slot - 2;
        if (proving >= 1 && proving != 7 && proving != 9) {
          send(producer, proving, MOCK);
        }
      }
      send(producer, 5, SP1);
      send(producer, 10, SP1);
    }
    beacon.finalize(root(4));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      final ChainHeads heads = chain.heads().orElseThrow();
      return heads.optimisticHead().slot() == 12 && heads.provenHead().slot() == 8
          && heads.latestProven().slot() == 10 && heads.finalized().slot() == 4;
    });
    await().until(() -> history.samples().getLast().provenSlot() == 8);
    // The heads can settle before the last proofs are stored (sp1 may prove 5 and 10 first; the
    // Kafka partitions are not ordered across blocks): wait for all ten before reading the page.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proofs.countsByProofType().equals(Map.of(SP1, 2L, MOCK, 8L)));

    // Through the redirect, as an operator would type it.
    final String dom = HeadlessChromium.dumpDom("http://localhost:" + port + "/dashboard", 3000);

    assertThat(dom).contains("<span id=\"status\" class=\"status\">Updated ");
    assertThat(dom).containsPattern("id=\"optimistic-slot\">12<").contains("execution block 1012")
        .containsPattern("id=\"proven-slot\">8<").contains("execution block 1008")
        .containsPattern("id=\"gap\">4<")
        .containsPattern("id=\"finalized-slot\">4<").contains("execution block 1004");
    // mock proofs for slots 1-6, 8 and 10; sp1 for 5 and 10; the other subnets listed with none
    assertThat(dom).containsPattern("<tr data-subnet=\"7\"><td>7</td><td>mock</td><td class=\"num\">8</td></tr>")
        .containsPattern("<tr data-subnet=\"1\"><td>1</td><td>sp1</td><td class=\"num\">2</td></tr>")
        .containsPattern("<tr data-subnet=\"0\" class=\"idle\"><td>0</td><td>witness</td><td class=\"num\">0</td></tr>")
        .containsPattern("<tr data-subnet=\"5\" class=\"idle\"><td>5</td><td>\\(none configured\\)</td>");
    // the canonical chain from the head down to the finalized block, head first
    assertThat(dom).containsPattern(blockRow(12, "optimistic", "–"))
        .containsPattern(blockRow(10, "proven", "sp1, mock"))
        .containsPattern(blockRow(9, "optimistic", "–"))
        .containsPattern(blockRow(8, "proven", "mock"))
        .containsPattern(blockRow(5, "proven", "sp1, mock"))
        .containsPattern(blockRow(4, "proven", "mock"))
        .doesNotContain("data-slot=\"7\"").doesNotContain("data-slot=\"3\"");
    assertThat(dom.indexOf("data-slot=\"12\"")).isLessThan(dom.indexOf("data-slot=\"11\""));
    assertThat(dom).containsPattern("<div id=\"chart\">.*<canvas");

    final Path screenshot = Path.of("target", "dashboard.png");
    HeadlessChromium.screenshot("http://localhost:" + port + "/dashboard/", 3000, screenshot);
    assertThat(Files.readAllBytes(screenshot)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void redirectsToThePageAndServesTheChartLibraryAndTheDocumentedEndpoint() {
    final WebClient client = WebClient.builder().baseUrl("http://localhost:" + port).build();
    assertThat(client.get().uri("/dashboard").exchangeToMono(r -> Mono.just(
            r.statusCode().value() + " " + r.headers().asHttpHeaders().getFirst("Location"))).block(TIMEOUT))
        .isEqualTo("308 dashboard/");
    assertThat(get(client, "/dashboard/")).contains("<script src=\"dashboard.js\">");
    // version-less WebJar path, resolved by webjars-locator-lite
    assertThat(get(client, "/webjars/uplot/dist/uPlot.iife.min.js")).contains("uPlot");
    await().until(chain::isAnchored);
    assertThat(get(client, "/api/v1/dashboard")).contains("\"heads\":{\"optimistic\":{\"slot\":")
        .contains("\"proofsPerSubnet\":[{\"subnet\":0,\"proofType\":\"witness\",\"storedProofs\":")
        .contains("\"recentBlocks\":[").contains("\"history\":[").contains("\"minProofsRequired\":1");
    assertThat(get(client, "/v3/api-docs")).contains("\"/api/v1/dashboard\"").contains("Everything the dashboard shows");
  }

  private static String get(final WebClient client, final String uri) {
    return client.get().uri(uri).retrieve().bodyToMono(String.class).block(TIMEOUT);
  }

  private static String blockRow(final long slot, final String status, final String proofTypes) {
    return "<tr data-slot=\"" + slot + "\"><td class=\"num\">" + slot + "</td><td class=\"num\">" + (1000 + slot)
        + "</td><td class=\"hash\" title=\"" + payload(slot) + "\">[^<]+</td><td><span class=\"badge " + status + "\">"
        + status + "</span></td><td>" + proofTypes + "</td></tr>";
  }

  private void send(final Producer<String, byte[]> producer, final long slot, final int type) {
    final Bytes32 hash = Bytes32.fromHex(payload(slot));
    final ExecutionProof proof = new ExecutionProof(hash, ExecutionProofSubnetId.of(type), 1,
        ImmutableBytes.of(MockProofScheme.create(hash, type, 1024)), Instant.now().getEpochSecond());
    producer.send(new ProducerRecord<>("execution-proofs", payload(slot),
        new ExecutionProofSerializer().serialize("execution-proofs", proof)));
  }

  private Producer<String, byte[]> producer() {
    final Map<String, Object> props = KafkaTestUtils.producerProps(kafka);
    props.put("key.serializer", StringSerializer.class);
    props.put("value.serializer", ByteArraySerializer.class);
    return new DefaultKafkaProducerFactory<String, byte[]>(props).createProducer();
  }

  /** Beacon root of the block at {@code slot}: 0x01.. then the slot, so roots sort like slots. */
  private static String root(final long slot) {
    return String.format("0x01%062x", slot);
  }

  /** Execution block hash of the block at {@code slot}. */
  private static String payload(final long slot) {
    return String.format("0x02%062x", slot);
  }
}
