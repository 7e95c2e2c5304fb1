package io.zkstateless.prover.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.db.RestartablePostgres;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover's PostgreSQL (its job table) is stopped mid-run for {@link Outage#LENGTH} and started
 * again on the same port and data (an operator's restart: every connection dies, committed rows
 * survive), while a block arrives every {@link #BLOCK_INTERVAL} and jobs are being proved and
 * published: the stop catches attempts between the worker's answer and the job table, and sends
 * between Kafka's acknowledgement and the job table. Mirrors the validator's {@code
 * ValidatorDependencyRestartTest}. Asserted: no crash, readiness reports the outage ({@code db}),
 * proving resumes by itself, every job completes, and every (block, proof type) reaches Kafka
 * exactly once.
 */
class ProverPostgresRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverPostgresRestartTest.class);
  private static final Duration BLOCK_INTERVAL = Duration.ofMillis(250);
  /**
   * Two proof types, four mock workers each, 0.4 s per proof: 10 proofs a second per type, well
   * over the 4 blocks a second (the backlog of the outage drains; the newest job goes first), and
   * slow enough that about three jobs are on the workers at any moment, so the stop catches some.
   */
  private static final List<String> POOLS = List.of(
      "--prover.workers.pools.mock.count=4",
      "--prover.workers.pools.mock.mock.proving-time=PT0.4S",
      "--prover.workers.pools.mock.mock.proof-size=1024",
      "--prover.workers.pools.sp1.kind=mock",
      "--prover.workers.pools.sp1.count=4",
      "--prover.workers.pools.sp1.mock.proving-time=PT0.4S",
      "--prover.workers.pools.sp1.mock.proof-size=1024");
  private static KafkaTestBroker kafka;
  private static RestartablePostgres postgres;

  @BeforeAll
  static void dependencies() {
    kafka = KafkaTestBroker.start("execution-proofs");
    postgres = RestartablePostgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
    kafka.close();
  }

  @Test
  void survivesAPostgresRestartUnderAStreamOfBlocksAndPublishesEachProofOnce() throws Exception {
    try (ProverRig prover = ProverRig.start(postgres.newDatabase("prover"), kafka.bootstrapServers(),
        kafka.bootstrapServers(), POOLS)) {
      await().atMost(Duration.ofSeconds(60)).until(prover.probe()::ready);
      final AtomicInteger head = new AtomicInteger();
      final Thread stream = Thread.ofVirtual().name("block-stream").start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          final int n = head.incrementAndGet();
          prover.chain(n, n);
          try {
            Thread.sleep(BLOCK_INTERVAL);
          } catch (final InterruptedException e) {
            return;
          }
        }
      });
      try {
        // Proving under way before the stop: proofs of the first blocks have reached Kafka.
        prover.awaitProofs(5, 2, Duration.ofSeconds(60));

        postgres.stop();
        final Outage outage = Outage.begin();
        final int headAtStop = head.get();
        await().atMost(Outage.LENGTH.plusSeconds(10)).until(() -> prover.probe().reportsDown("db"));
        LOG.info("Readiness reported the PostgreSQL stop after {}", outage.sinceBegin());
        assertThat(prover.probe().live()).as("liveness never depends on the database").isTrue();
        outage.lastOut();
        postgres.startAgain();
        outage.end();
        final int headAtRestart = head.get();
        prover.awaitEveryProofOf(headAtRestart, 2, Duration.ofSeconds(60));
        LOG.info(outage.report("prover-postgres-restart"));
        LOG.info("Blocks at the stop: {}, at the restart: {} ({} arrived while PostgreSQL was down)",
            headAtStop, headAtRestart, headAtRestart - headAtStop);
        await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);
        Thread.sleep(1000);
      } finally {
        stream.interrupt();
        stream.join(Duration.ofSeconds(5));
      }
      final int blocks = head.get();
      prover.awaitEveryProofOf(blocks, 2, Duration.ofSeconds(60));
      prover.assertEachPublishedOnce(blocks, 2);
    }
  }
}
