package io.zkstateless.validator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static io.zkstateless.validator.reliability.Reliability.CUT;
import static io.zkstateless.validator.reliability.Reliability.payload;
import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.root;
import static io.zkstateless.validator.reliability.Reliability.sendProof;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The validator's link to PostgreSQL is cut (through a {@link FaultProxy}) while blocks and
 * proofs keep arriving, then restored. The cut lasts {@code -Dreliability.cut.seconds} (10 by
 * default to keep the suite short; 30 is the figure). Asserted: the service stays up,
 * readiness reports the outage, work resumes by itself, every proof is stored exactly once and
 * every block ends proven.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"validator.p2p.fork-digest=0xbfe0d3f4", "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0"})
@EmbeddedKafka(partitions = 1, topics = {"proven-blocks", "execution-proofs"})
class ValidatorPostgresCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorPostgresCutTest.class);
  private static final int BLOCKS = 12;
  private static ScriptedBeaconNode beacon;
  private static FaultProxy database;

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private ProvenChainService chain;
  @Autowired private EmbeddedKafkaBroker kafka;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    database = FaultProxy.to("127.0.0.1", EmbeddedPostgresSupport.server().getPort());
    final String url = Reliability.throughProxy(EmbeddedPostgresSupport.newDatabase(), database);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(root(0), 0, Bytes32.ZERO.toHexString(), payload(0), 0));
    registry.add("validator.beacon.url", () -> beacon.url().toString());
  }

  @AfterAll
  static void stop() {
    beacon.close();
    database.close();
  }

  @Test
  void survivesAPostgresCutUnderAStreamOfProofs() throws Exception {
    final Reliability.Http http = new Reliability.Http(port);
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health/readiness").startsWith("200"));
    try (Producer<String, byte[]> producer = producer(kafka)) {
      for (int n = 1; n <= 4; n++) {
        addBlockAndProof(producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> provenSlot() == 4);

      database.cut();
      final Instant cutAt = Instant.now();
      // Blocks and proofs keep coming while the database is away.
      for (int n = 5; n <= 8; n++) {
        addBlockAndProof(producer, n);
      }
      await().atMost(CUT).untilAsserted(() -> assertThat(http.get("/actuator/health/readiness"))
          .startsWith("503").contains("\"db\":{").contains("\"status\":\"DOWN\""));
      assertThat(http.get("/actuator/health/liveness")).as("liveness never depends on the DB").startsWith("200");
      Thread.sleep(Math.max(0, CUT.minus(Duration.between(cutAt, Instant.now())).toMillis()));

      database.restore();
      final Instant restoredAt = Instant.now();
      await().atMost(Duration.ofSeconds(60)).until(() -> provenSlot() == 8);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").startsWith("200"));
      LOG.info("Recovered {} after a {} cut", Duration.between(restoredAt, Instant.now()), CUT);

      for (int n = 9; n <= BLOCKS; n++) {
        addBlockAndProof(producer, n);
      }
      // A redelivered proof of an already proven block must not be stored twice.
      sendProof(producer, 3);
      await().atMost(Duration.ofSeconds(30)).until(() -> provenSlot() == BLOCKS);
    }
    for (int n = 1; n <= BLOCKS; n++) {
      assertThat(jdbc.sql("SELECT count(*) FROM execution_proof WHERE block_hash = ?")
          .param(Bytes32.fromHex(payload(n)).toArray()).query(Long.class).single())
          .as("proofs stored for block %d", n).isEqualTo(1);
      assertThat(http.get("/api/v1/blocks/" + root(n))).as("block %d", n).contains("\"proven\":true");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM execution_proof").query(Long.class).single()).isEqualTo(BLOCKS);
    // Regression: a proof whose store failed was once counted "undecodable" and its offset committed.
    assertThat(http.get("/actuator/prometheus"))
        .contains("validator_proofs_total{application=\"validator-service\",reason=\"stored\",result=\"accept\",source=\"kafka\"} "
            + BLOCKS + ".0")
        .doesNotContain("reason=\"undecodable\"");
  }

  private long provenSlot() {
    return chain.heads().map(h -> h.provenHead().slot()).orElse(-1L);
  }

  private void addBlockAndProof(final Producer<String, byte[]> producer, final int n) {
    beacon.addBlock(new ScriptedBeaconNode.Block(root(n), n, root(n - 1), payload(n), 100 + n));
    beacon.setHead(root(n));
    sendProof(producer, n);
  }
}
