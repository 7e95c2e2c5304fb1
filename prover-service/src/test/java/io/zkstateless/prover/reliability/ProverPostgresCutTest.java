package io.zkstateless.prover.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover's link to PostgreSQL (its job table) is cut for {@link Outage#LENGTH} while blocks
 * keep arriving, then restored. Asserted: no crash, readiness reports the outage ({@code db}),
 * proving resumes by itself and every (block, proof type) reaches Kafka exactly once.
 */
class ProverPostgresCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverPostgresCutTest.class);
  private static final int BLOCKS = 8;
  private static KafkaTestBroker kafka;
  private static FaultProxy database;

  @BeforeAll
  static void dependencies() {
    kafka = KafkaTestBroker.start("execution-proofs");
    database = FaultProxy.to("127.0.0.1", EmbeddedPostgresSupport.server().getPort());
  }

  @AfterAll
  static void stop() {
    database.close();
    kafka.close();
  }

  @Test
  void survivesAPostgresCutAndProvesEveryBlockOnce() throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase()
        .replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://" + database.hostAndPort() + "/");
    try (ProverRig prover = ProverRig.start(url, kafka.bootstrapServers(), kafka.bootstrapServers(), ProverRig.MOCK_POOLS)) {
      await().atMost(Duration.ofSeconds(60)).until(prover.probe()::ready);
      prover.chain(1, 3);
      prover.awaitProofs(3, 2, Duration.ofSeconds(60));

      database.cut();
      final Outage outage = Outage.begin();
      prover.chain(4, 6);
      await().atMost(Outage.LENGTH.plusSeconds(10)).until(() -> prover.probe().reportsDown("db"));
      assertThat(prover.probe().live()).isTrue();
      outage.lastOut();

      database.restore();
      outage.end();
      prover.awaitProofs(6, 2, Duration.ofSeconds(60));
      LOG.info(outage.report("prover-postgres-cut"));
      await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);
      prover.chain(7, BLOCKS);
      prover.awaitProofs(BLOCKS, 2, Duration.ofSeconds(60));
      prover.assertEachPublishedOnce(BLOCKS, 2);
    }
  }
}
