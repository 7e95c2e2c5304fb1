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
 * Two Kafka faults, one prover through both: its link to Kafka is cut for {@link Outage#LENGTH}
 * (the broker advertises the proxy, so the producer cannot route around it), then the broker is
 * stopped for as long and started again on the same port and data, while blocks keep arriving and
 * are proved. Asserted each time: no crash, readiness reports the outage ({@code kafka}), the
 * proofs proved during it are published after it; at the end every (block, proof type) reached
 * Kafka exactly once.
 */
class ProverKafkaFaultsTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverKafkaFaultsTest.class);
  private static final int BLOCKS = 11;
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

      kafka.stop();
      final Outage restart = Outage.begin();
      prover.chain(7, 9);
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> prover.probe().reportsDown("kafka"));
      assertThat(prover.probe().live()).isTrue();
      restart.lastOut();
      kafka.startAgain();
      restart.end();
      prover.awaitProofs(9, 2, Duration.ofSeconds(90));
      LOG.info(restart.report("prover-kafka-restart"));
      await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);

      prover.chain(10, BLOCKS);
      prover.awaitProofs(BLOCKS, 2, Duration.ofSeconds(60));
      prover.assertEachPublishedOnce(BLOCKS, 2);
    }
  }
}
