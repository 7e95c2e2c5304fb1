package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.sendProof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
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
 * The validator's link to Kafka is cut for {@link Outage#LENGTH} while blocks and their proofs
 * keep arriving (the proofs land in Kafka, the validator cannot fetch them), then restored. The
 * broker advertises the proxy, so every connection of the validator's clients goes through it.
 */
class ValidatorKafkaCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorKafkaCutTest.class);
  private static final int BLOCKS = 12;
  private static KafkaTestBroker kafka;

  @BeforeAll
  static void broker() {
    kafka = KafkaTestBroker.start("execution-proofs", "proven-blocks");
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void survivesAKafkaCutAndStoresEveryProofOnce() throws Exception {
    try (ValidatorRig validator = ValidatorRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.proxiedBootstrapServers());
        Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
      await().atMost(Duration.ofSeconds(60)).until(validator.probe()::ready);
      for (int n = 1; n <= 4; n++) {
        validator.addBlockAndProof(producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == 4);

      kafka.link().cut();
      final Outage outage = Outage.begin();
      for (int n = 5; n <= 8; n++) {
        validator.addBlockAndProof(producer, n);
      }
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> validator.probe().reportsDown("kafka"));
      LOG.info("Readiness reported the Kafka cut after {}", outage.sinceBegin());
      assertThat(validator.probe().live()).as("liveness never depends on Kafka").isTrue();
      assertThat(validator.provenSlot()).as("no proof came through the cut").isEqualTo(4);
      outage.lastOut();

      kafka.link().restore();
      outage.end();
      await().atMost(Duration.ofSeconds(60)).until(() -> validator.provenSlot() == 8);
      await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
      LOG.info(outage.report("validator-kafka-cut"));

      for (int n = 9; n <= BLOCKS; n++) {
        validator.addBlockAndProof(producer, n);
      }
      sendProof(producer, 3);
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == BLOCKS);
      validator.assertEveryBlockProvenOnce(BLOCKS);
    }
  }
}
