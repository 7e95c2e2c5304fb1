package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.CUT;
import static io.zkstateless.validator.reliability.Reliability.payload;
import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.root;
import static io.zkstateless.validator.reliability.Reliability.sendProof;
import static org.assertj.core.api.Assertions.assertThat;
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
 * The beacon node goes silent (a {@link FaultProxy} black hole: the connection stays open, no
 * byte arrives, nothing is closed) while blocks and their proofs keep coming. The follower must
 * notice the dead event stream by its stall detection alone (3 s here), readiness must report it,
 * and after the restore the blocks produced in the silence must be backfilled and proven.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"validator.p2p.fork-digest=0xbfe0d3f4", "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0", "validator.beacon.stall-timeout=PT3S",
      "validator.beacon.reconnect-max-backoff=PT2S"})
@EmbeddedKafka(partitions = 1, topics = {"proven-blocks", "execution-proofs"})
class ValidatorBeaconBlackHoleTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorBeaconBlackHoleTest.class);
  private static final int BLOCKS = 8;
  private static ScriptedBeaconNode beacon;
  private static FaultProxy beaconLink;

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;
  @Autowired private ProvenChainService chain;
  @Autowired private EmbeddedKafkaBroker kafka;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(root(0), 0, Bytes32.ZERO.toHexString(), payload(0), 0));
    beaconLink = FaultProxy.to("127.0.0.1", beacon.url().getPort());
    registry.add("validator.beacon.url", () -> "http://" + beaconLink.hostAndPort());
  }

  @AfterAll
  static void stop() {
    beaconLink.close();
    beacon.close();
  }

  @Test
  void noticesASilentBeaconNodeAndCatchesUpAfterIt() throws Exception {
    final Reliability.Http http = new Reliability.Http(port);
    await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health/readiness").startsWith("200"));
    try (Producer<String, byte[]> producer = producer(kafka)) {
      for (int n = 1; n <= 3; n++) {
        addBlockAndProof(producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> provenSlot() == 3);

      beaconLink.blackHole();
      final Instant silentFrom = Instant.now();
      for (int n = 4; n <= BLOCKS; n++) {
        addBlockAndProof(producer, n);
      }
      await().atMost(CUT.plusSeconds(10)).untilAsserted(() -> assertThat(http.get("/actuator/health/readiness"))
          .startsWith("503").contains("\"beaconFollower\":{"));
      LOG.info("Readiness reported the silent beacon node after {}", Duration.between(silentFrom, Instant.now()));
      assertThat(provenSlot()).as("nothing arrived through the black hole").isEqualTo(3);
      assertThat(http.get("/actuator/health/liveness")).startsWith("200");
      Thread.sleep(Math.max(0, CUT.minus(Duration.between(silentFrom, Instant.now())).toMillis()));

      beaconLink.restore();
      final Instant restoredAt = Instant.now();
      await().atMost(Duration.ofSeconds(60)).until(() -> provenSlot() == BLOCKS);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").startsWith("200"));
      LOG.info("Recovered {} after a {} black hole", Duration.between(restoredAt, Instant.now()), CUT);
    }
    for (int n = 1; n <= BLOCKS; n++) {
      assertThat(jdbc.sql("SELECT count(*) FROM execution_proof WHERE block_hash = ?")
          .param(Bytes32.fromHex(payload(n)).toArray()).query(Long.class).single())
          .as("proofs stored for block %d", n).isEqualTo(1);
      assertThat(http.get("/api/v1/blocks/" + root(n))).as("block %d", n).contains("\"proven\":true");
    }
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
