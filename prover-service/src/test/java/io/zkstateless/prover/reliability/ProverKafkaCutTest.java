package io.zkstateless.prover.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover's link to Kafka is cut for {@link Outage#LENGTH} while blocks keep arriving and are
 * proved, then restored. The broker advertises the proxy, so the producer cannot route around it.
 * Asserted: no crash, readiness reports the outage ({@code kafka}), the proofs proved during the
 * cut are published after it, and every (block, proof type) reaches Kafka exactly once.
 */
class ProverKafkaCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverKafkaCutTest.class);
  private static final int BLOCKS = 8;
  private static KafkaTestBroker kafka;

  @BeforeAll
  static void broker() {
    kafka = KafkaTestBroker.start("execution-proofs");
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void survivesAKafkaCutAndPublishesEveryProofOnce() throws Exception {
    try (ProverRig prover = ProverRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.proxiedBootstrapServers(),
        kafka.bootstrapServers(), ProverRig.MOCK_POOLS)) {
      await().atMost(Duration.ofSeconds(60)).until(prover.probe()::ready);
      prover.chain(1, 3);
      prover.awaitProofs(3, 2, Duration.ofSeconds(60));

      kafka.link().cut();
      final Outage outage = Outage.begin();
      prover.chain(4, 6);
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> prover.probe().reportsDown("kafka"));
      LOG.info("Readiness reported the Kafka cut after {}", outage.sinceBegin());
      assertThat(prover.probe().live()).isTrue();
      outage.lastOut();

      kafka.link().restore();
      outage.end();
      prover.awaitProofs(6, 2, Duration.ofSeconds(90));
      LOG.info(outage.report("prover-kafka-cut"));
      await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);
      prover.chain(7, BLOCKS);
      prover.awaitProofs(BLOCKS, 2, Duration.ofSeconds(60));
      prover.assertEachPublishedOnce(BLOCKS, 2);
    }
  }
}
