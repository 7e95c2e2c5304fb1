package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.producer;
import static io.zkstateless.validator.reliability.Reliability.sendProofAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.fault.Degradation;
import io.zkstateless.common.test.fault.DegradedRun;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's bulk links slowed rather than cut, under a stream of blocks and large proofs:
 * PostgreSQL (every proof is stored) and Kafka (every proof is fetched), each with latency and
 * then with a bandwidth cap below what the stream needs, for {@link Degradation#LENGTH}, then
 * lifted. One validator lives through all four cases (its start-up is the slow part). Asserted in
 * each: no crash, readiness answers throughout and never blames a healthy dependency, the backlog
 * drains after the lift, and every block is proven with exactly one stored proof. The measured
 * throughput under the fault and the drain time are logged on a {@code LOAD} line.
 */
class ValidatorDegradedLinkTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorDegradedLinkTest.class);
  /** 10 blocks a second with a 256 KiB proof each: 2.5 MiB/s, over the 1 MiB/s cap on either link. */
  private static final int BLOCKS_PER_SECOND = 10;
  private static final int PROOF_SIZE = 256 * 1024;
  private static final int WARM_UP_BLOCKS = 5;
  private static KafkaTestBroker kafka;
  private static FaultProxy database;
  private static String directUrl;
  private static ValidatorRig validator;
  private static Producer<String, byte[]> producer;
  private static int head;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaTestBroker.start("execution-proofs", "proven-blocks");
    database = FaultProxy.to("127.0.0.1", EmbeddedPostgresSupport.server().getPort());
    directUrl = EmbeddedPostgresSupport.newDatabase();
    validator = ValidatorRig.start(Reliability.throughProxy(directUrl, database), kafka.proxiedBootstrapServers());
    producer = producer(kafka.bootstrapServers());
    await().atMost(Duration.ofSeconds(60)).until(validator.probe()::ready);
    // Warm-up, not measured: the first proofs pay for class loading and the first verification.
    for (head = 1; head <= WARM_UP_BLOCKS; head++) {
      validator.addBlock(head);
      sendProofAsync(producer, head, PROOF_SIZE);
    }
    head = WARM_UP_BLOCKS;
    producer.flush();
    await().atMost(Duration.ofSeconds(60)).until(() -> validator.provenSlot() == WARM_UP_BLOCKS);
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (validator != null) {
      validator.close();
    }
    database.close();
    kafka.close();
  }

  static Stream<Arguments> degradedLinks() {
    return Stream.of(
        Arguments.of("db", Degradation.latency()),
        Arguments.of("db", Degradation.bandwidth()),
        Arguments.of("kafka", Degradation.latency()),
        Arguments.of("kafka", Degradation.bandwidth()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("degradedLinks")
  void provesEveryBlockThroughASlowLinkAndDrainsAfterTheLift(final String link, final Degradation degradation)
      throws Exception {
    final FaultProxy proxy = link.equals("db") ? database : kafka.link();
    final int first = head + 1;
    // Work done: blocks proven (blocks are one chain, so the proven head's slot counts them).
    final DegradedRun run = DegradedRun.start("validator-" + link, proxy, degradation, validator.probe(),
        () -> Math.max(0, validator.provenSlot()));
    final long interval = 1000 / BLOCKS_PER_SECOND;
    final long end = System.nanoTime() + Degradation.LENGTH.toNanos();
    while (System.nanoTime() < end) {
      head++;
      validator.addBlock(head);
      sendProofAsync(producer, head, PROOF_SIZE);
      Thread.sleep(interval);
    }
    producer.flush();
    run.lift(head);
    run.awaitDrained(head, Duration.ofSeconds(120));
    LOG.info(run.report() + " stored=" + storedProofs());

    run.assertReadinessTruthful(link);
    final long lifted = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).until(validator.probe()::ready);
    LOG.info("ready {} ms after the drain", (System.nanoTime() - lifted) / 1_000_000);
    if (degradation.isCap()) {
      assertThat(run.backlogAtLift()).as("the cap was below what the stream needed").isPositive();
    }
    // This case's blocks one by one (earlier cases checked theirs), and the total count of proofs.
    validator.assertBlocksProvenOnce(first, head);
  }

  /** Proofs stored so far, counted on a direct connection (never through the degraded proxy). */
  private static long storedProofs() {
    try (Connection connection = DriverManager.getConnection(directUrl, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM execution_proof")) {
      rows.next();
      return rows.getLong(1);
    } catch (final SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
