package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.payload;
import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.root;
import static io.zkstateless.validator.reliability.Reliability.sendProof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's link to its external (EIP-8025 http, zkboost-shaped) verifier of the sp1 proof
 * type is cut for {@link Outage#LENGTH} while blocks and their sp1 proofs keep arriving through
 * Kafka, then restored. Asserted: no crash, readiness reports the outage ({@code verifiers}: the
 * verifier's breaker opens), the proofs that arrived during the cut are verified and stored after
 * it (none is dropped as "verifier unavailable"), each exactly once, every block proven.
 */
class ValidatorVerifierCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorVerifierCutTest.class);
  private static final int SP1_SUBNET = 1;
  private static final int BLOCKS = 12;
  private static KafkaTestBroker kafka;
  private static FakeZkboostServer verifier;
  private static FaultProxy verifierLink;

  @BeforeAll
  static void dependencies() throws Exception {
    kafka = KafkaTestBroker.start("execution-proofs", "proven-blocks");
    verifier = new FakeZkboostServer(Set.of("reth-sp1"), body -> "unused", 8, Duration.ofSeconds(15));
    verifier.verdict((root, type, proof) -> new String(proof, StandardCharsets.US_ASCII).startsWith("sp1 proof"));
    verifierLink = FaultProxy.to("127.0.0.1", verifier.url().getPort());
  }

  @AfterAll
  static void stop() {
    verifierLink.close();
    verifier.close();
    kafka.close();
  }

  @Test
  void survivesAVerifierCutAndStoresEveryProofOnce() throws Exception {
    try (ValidatorRig validator = ValidatorRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.bootstrapServers(),
        "--validator.ingest.verifiers.sp1=http",
        "--validator.ingest.http-verifiers.sp1.url=http://" + verifierLink.hostAndPort(),
        "--validator.ingest.http-verifiers.sp1.proof-type=reth-sp1",
        "--validator.ingest.http-verifiers.sp1.timeout=PT1S",
        "--validator.ingest.http-verifiers.sp1.breaker.failure-threshold=3",
        "--validator.ingest.http-verifiers.sp1.breaker.open-duration=PT2S");
        Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
      await().atMost(Duration.ofSeconds(60)).until(validator.probe()::ready);
      for (int n = 1; n <= 4; n++) {
        addBlockAndProof(validator, producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == 4);

      verifierLink.cut();
      final Outage outage = Outage.begin();
      for (int n = 5; n <= 8; n++) {
        addBlockAndProof(validator, producer, n);
      }
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> validator.probe().reportsDown("verifiers"));
      LOG.info("Readiness reported the verifier cut after {}", outage.sinceBegin());
      assertThat(validator.probe().live()).isTrue();
      assertThat(validator.provenSlot()).as("nothing verified through the cut").isEqualTo(4);
      outage.lastOut();

      verifierLink.restore();
      outage.end();
      await().atMost(Duration.ofSeconds(60)).until(() -> validator.provenSlot() == 8);
      await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
      LOG.info(outage.report("validator-verifier-cut"));

      for (int n = 9; n <= BLOCKS; n++) {
        addBlockAndProof(validator, producer, n);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> validator.provenSlot() == BLOCKS);
      validator.assertEveryBlockProvenOnce(BLOCKS);
    }
  }

  /** Block {@code n} (a full Fulu block, so the verifier's root can be computed), then its sp1 proof once the validator knows the block. */
  private static void addBlockAndProof(final ValidatorRig validator, final Producer<String, byte[]> producer, final int n) {
    validator.beacon().serveBlockJson(root(n), FuluBlockJson.of(n, root(n - 1), payload(n), 100 + n));
    validator.addBlock(n);
    await().atMost(Duration.ofSeconds(30)).until(() -> validator.bean(ProvenChainService.class)
        .blockByExecutionHash(Bytes32.fromHex(payload(n))).isPresent());
    sendProof(producer, n, SP1_SUBNET, ("sp1 proof " + n).getBytes(StandardCharsets.US_ASCII));
  }
}
