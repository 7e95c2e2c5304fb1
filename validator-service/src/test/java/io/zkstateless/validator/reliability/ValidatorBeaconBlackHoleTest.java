package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.producer;
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
 * The beacon node goes silent (a {@link FaultProxy} black hole: the connection stays open, no
 * byte arrives, nothing is closed) for {@link Outage#LENGTH} while blocks and their proofs keep
 * coming. The follower must notice the dead event stream by its stall detection alone (3 s here),
 * readiness must report it ({@code beaconFollower}), and after the restore the blocks produced in
 * the silence must be backfilled and proven.
 */
class ValidatorBeaconBlackHoleTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorBeaconBlackHoleTest.class);
  private static final int BLOCKS = 8;
  private static KafkaTestBroker kafka;
  private static FaultProxy beaconLink;

  @BeforeAll
  static void broker() {
    kafka = KafkaTestBroker.start("execution-proofs", "proven-blocks");
  }

  @AfterAll
  static void stop() {
    if (beaconLink != null) {
      beaconLink.close();
    }
    kafka.close();
  }

  @Test
  void noticesASilentBeaconNodeAndCatchesUpAfterIt() throws Exception {
    try (ValidatorRig validator = ValidatorRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.bootstrapServers(),
        node -> {
          beaconLink = FaultProxy.to("127.0.0.1", node.url().getPort());
          return "http://" + beaconLink.hostAndPort();
        },
        "--validator.beacon.stall-timeout=PT3S", "--validator.beacon.reconnect-max-backoff=PT2S");
        Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
      await().atMost(Duration.ofSeconds(60)).until(validator.probe()::ready);
      for (int n = 1; n <= 3; n++) {
        validator.addBlockAndProof(producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == 3);

      beaconLink.blackHole();
      final Outage outage = Outage.begin();
      for (int n = 4; n <= BLOCKS; n++) {
        validator.addBlockAndProof(producer, n);
      }
      await().atMost(Outage.LENGTH.plusSeconds(10)).until(() -> validator.probe().reportsDown("beaconFollower"));
      LOG.info("Readiness reported the silent beacon node after {}", outage.sinceBegin());
      assertThat(validator.provenSlot()).as("nothing arrived through the black hole").isEqualTo(3);
      assertThat(validator.probe().live()).isTrue();
      outage.lastOut();

      beaconLink.restore();
      outage.end();
      await().atMost(Duration.ofSeconds(60)).until(() -> validator.provenSlot() == BLOCKS);
      await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
      LOG.info(outage.report("validator-beacon-black-hole"));
      validator.assertEveryBlockProvenOnce(BLOCKS);
    }
  }
}
