package io.zkstateless.prover.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import io.zkstateless.prover.proving.ere.EestElBlock;
import io.zkstateless.prover.proving.ere.FakeEreServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover's link to its zkVM worker (an ere-server speaking real twirp, which validates the real
 * EEST guest input it is sent) is cut for {@link Outage#LENGTH} while blocks keep arriving, then
 * restored. Each block's payload is one of the positive EEST zkevm v0.3.3 fixtures, served by the
 * fixture execution client. Asserted: no crash, readiness reports the outage ({@code
 * zkvmWorkers}: the worker's breaker opens), the blocks that arrived during the cut are proved
 * after it, every block's proof reaches Kafka exactly once.
 */
class ProverZkvmWorkerCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverZkvmWorkerCutTest.class);
  private static final List<String> FIXTURES = List.of(
      "witness_state_sload_contains_storage_proof",
      "witness_state_sstore_delete_branch_collapse_adds_auxiliary_node",
      "witness_headers_max_wins_across_multiple_transactions",
      "witness_codes_nested_calls",
      "witness_codes_delegation_chain");
  private static final int BLOCKS = FIXTURES.size();
  private static KafkaTestBroker kafka;
  private static FixtureExecutionClient el;
  private static FakeEreServer ere;
  private static FaultProxy ereLink;
  private static List<EestElBlock> blocks;

  @BeforeAll
  static void dependencies() {
    kafka = KafkaTestBroker.start("execution-proofs");
    el = FixtureExecutionClient.start();
    blocks = FIXTURES.stream().map(name -> EestElBlock.load(name, 0)).toList();
    blocks.forEach(block -> block.serveOn(el));
    ere = FakeEreServer.start().guestRevision(StatelessSchemaRevision.EEST_V0_3_3);
    ereLink = FaultProxy.to("127.0.0.1", ere.url().getPort());
  }

  @AfterAll
  static void stop() {
    ereLink.close();
    ere.close();
    el.close();
    kafka.close();
  }

  @Test
  void survivesAWorkerCutAndProvesEveryBlockOnce() throws Exception {
    try (ProverRig prover = ProverRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.bootstrapServers(),
        kafka.bootstrapServers(), List.of(
            "--prover.workers.pools.sp1.kind=ere",
            "--prover.workers.pools.sp1.count=1",
            "--prover.workers.pools.sp1.ere.endpoints=http://" + ereLink.hostAndPort() + "/",
            "--prover.workers.pools.sp1.ere.schema-revision=EEST_V0_3_3",
            "--prover.workers.pools.sp1.ere.connect-timeout=PT2S",
            "--prover.workers.pools.sp1.breaker.open-duration=PT3S"),
        "--prover.execution-client.url=" + el.url())) {
      await().atMost(Duration.ofSeconds(60)).until(prover.probe()::ready);
      prover.chain(1, 2, this::hash);
      prover.awaitProofs(2, 1, Duration.ofSeconds(60));

      ereLink.cut();
      final Outage outage = Outage.begin();
      prover.chain(3, 4, this::hash);
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> prover.probe().reportsDown("zkvmWorkers"));
      LOG.info("Readiness reported the worker cut after {}", outage.sinceBegin());
      assertThat(prover.probe().live()).isTrue();
      outage.lastOut();

      ereLink.restore();
      outage.end();
      prover.awaitProofs(4, 1, Duration.ofSeconds(90));
      LOG.info(outage.report("prover-zkvm-worker-cut"));
      await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);
      prover.chain(5, BLOCKS, this::hash);
      prover.awaitProofs(BLOCKS, 1, Duration.ofSeconds(60));
      prover.assertEachPublishedOnce(BLOCKS, 1);
    }
  }

  private String hash(final int n) {
    return blocks.get(n - 1).hash().toHexString();
  }
}
