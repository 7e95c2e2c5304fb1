package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.sendProof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's link to PostgreSQL is cut (through a {@link FaultProxy}) for {@link
 * Outage#LENGTH} while blocks and proofs keep arriving, then restored. Asserted: the service stays
 * up, readiness reports the outage ({@code db}), work resumes by itself, every proof is stored
 * exactly once and every block ends proven.
 */
class ValidatorPostgresCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorPostgresCutTest.class);
  private static final int BLOCKS = 12;
  private static KafkaTestBroker kafka;
  private static FaultProxy database;

  @BeforeAll
  static void dependencies() {
    kafka = KafkaTestBroker.start("execution-proofs", "proven-blocks");
    database = FaultProxy.to("127.0.0.1", EmbeddedPostgresSupport.server().getPort());
  }

  @AfterAll
  static void stop() {
    database.close();
    kafka.close();
  }

  @Test
  void survivesAPostgresCutUnderAStreamOfProofs() throws Exception {
    final String url = Reliability.throughProxy(EmbeddedPostgresSupport.newDatabase(), database);
    try (ValidatorRig validator = ValidatorRig.start(url, kafka.bootstrapServers());
        Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
      await().atMost(Duration.ofSeconds(60)).until(validator.probe()::ready);
      for (int n = 1; n <= 4; n++) {
        validator.addBlockAndProof(producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == 4);

      database.cut();
      final Outage outage = Outage.begin();
      for (int n = 5; n <= 8; n++) {
        validator.addBlockAndProof(producer, n);
      }
      await().atMost(Outage.LENGTH.plusSeconds(10)).until(() -> validator.probe().reportsDown("db"));
      assertThat(validator.probe().live()).as("liveness never depends on the DB").isTrue();
      outage.lastOut();

      database.restore();
      outage.end();
      await().atMost(Duration.ofSeconds(60)).until(() -> validator.provenSlot() == 8);
      await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
      LOG.info(outage.report("validator-postgres-cut"));

      for (int n = 9; n <= BLOCKS; n++) {
        validator.addBlockAndProof(producer, n);
      }
      // A redelivered proof of an already proven block must not be stored twice.
      sendProof(producer, 3);
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == BLOCKS);
      validator.assertEveryBlockProvenOnce(BLOCKS);
      // Regression: a proof whose store failed was once counted "undecodable" and its offset committed.
      assertThat(validator.probe().get("/actuator/prometheus"))
          .contains("validator_proofs_total{application=\"validator-service\",reason=\"stored\",result=\"accept\","
              + "source=\"kafka\"} " + BLOCKS + ".0")
          .doesNotContain("reason=\"undecodable\"");
    }
  }
}
