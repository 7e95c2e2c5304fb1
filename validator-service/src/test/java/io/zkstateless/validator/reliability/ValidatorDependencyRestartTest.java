package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.sendProofAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.RestartablePostgres;
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
 * PostgreSQL, then the Kafka broker, are stopped mid-run for {@link Outage#LENGTH} each and
 * started again on the same port and data (an operator's restart: every connection dies, committed
 * data and consumer offsets survive), while blocks and proofs keep coming. One validator lives
 * through both (its start-up is the slow part of such a test). Asserted each time: no crash,
 * readiness reports the outage ({@code db}, then {@code kafka}), work resumes by itself; at the
 * end every proof is stored exactly once and every block is proven.
 */
class ValidatorDependencyRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorDependencyRestartTest.class);
  private static final int BLOCKS = 16;
  private static KafkaTestBroker kafka;
  private static RestartablePostgres postgres;

  @BeforeAll
  static void dependencies() {
    kafka = KafkaTestBroker.start("execution-proofs", "proven-blocks");
    postgres = RestartablePostgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
    kafka.close();
  }

  @Test
  void survivesAPostgresRestartAndAKafkaRestart() throws Exception {
    try (ValidatorRig validator = ValidatorRig.start(postgres.newDatabase("validator"), kafka.bootstrapServers());
        Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
      await().atMost(Duration.ofSeconds(60)).until(validator.probe()::ready);
      blocks(validator, producer, 1, 4);
      producer.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == 4);

      postgres.stop();
      final Outage database = Outage.begin();
      blocks(validator, producer, 5, 8);
      producer.flush();
      await().atMost(Outage.LENGTH.plusSeconds(10)).until(() -> validator.probe().reportsDown("db"));
      assertThat(validator.probe().live()).isTrue();
      database.lastOut();
      postgres.startAgain();
      database.end();
      await().atMost(Duration.ofSeconds(60)).until(() -> validator.provenSlot() == 8);
      await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
      LOG.info(database.report("validator-postgres-restart"));

      kafka.stop();
      final Outage broker = Outage.begin();
      // Proofs sent now wait in the producer's buffer, as a prover's would; from another thread,
      // since with the broker gone a send can block on metadata (max.block.ms).
      final Thread sender = Thread.ofVirtual().start(() -> blocks(validator, producer, 9, 12));
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> validator.probe().reportsDown("kafka"));
      assertThat(validator.probe().live()).isTrue();
      broker.lastOut();
      kafka.startAgain();
      broker.end();
      sender.join(Duration.ofSeconds(90));
      await().atMost(Duration.ofSeconds(90)).until(() -> validator.provenSlot() == 12);
      await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
      LOG.info(broker.report("validator-kafka-restart"));

      blocks(validator, producer, 13, BLOCKS);
      producer.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == BLOCKS);
      validator.assertEveryBlockProvenOnce(BLOCKS);
    }
  }

  private static void blocks(final ValidatorRig validator, final Producer<String, byte[]> producer, final int from,
      final int to) {
    for (int n = from; n <= to; n++) {
      validator.addBlock(n);
      sendProofAsync(producer, n);
    }
  }
}
