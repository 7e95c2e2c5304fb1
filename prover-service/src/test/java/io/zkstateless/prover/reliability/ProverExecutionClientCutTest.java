package io.zkstateless.prover.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.fault.Outage;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prover's link to its execution client (the witness source) is cut for {@link Outage#LENGTH}
 * while blocks keep arriving, then restored. The {@code witness} proof type needs each block's
 * witness and raw block from the execution client; every block serves the recorded hoodi-51632
 * answers under its own hash. Asserted: no crash, readiness reports the outage ({@code
 * executionClient}: the circuit breaker opens), the blocks that arrived during the cut are proved
 * after it, and every block's proof reaches Kafka exactly once.
 */
class ProverExecutionClientCutTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverExecutionClientCutTest.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BLOCKS = 8;
  private static KafkaTestBroker kafka;
  private static FixtureExecutionClient el;
  private static FaultProxy elLink;

  @BeforeAll
  static void dependencies() {
    kafka = KafkaTestBroker.start("execution-proofs");
    el = FixtureExecutionClient.start();
    final JsonNode fixture = Fixtures.witnessFixture("hoodi-51632");
    final FixtureBlock recorded = FixtureBlock.recorded("hoodi-51632");
    for (int n = 1; n <= BLOCKS; n++) {
      final String hash = ProverRig.blockHash(n);
      el.serve(new FixtureBlock(hash, n,
          JSON.readTree("{\"hash\":\"" + hash + "\",\"number\":\"0x" + Integer.toHexString(n) + "\"}"),
          recorded.rawBlock(), out -> out.write(JSON.writeValueAsBytes(fixture.path("witness")))));
    }
    elLink = FaultProxy.to("127.0.0.1", URI.create(el.url()).getPort());
  }

  @AfterAll
  static void stop() {
    elLink.close();
    el.close();
    kafka.close();
  }

  @Test
  void survivesAnExecutionClientCutAndProvesEveryBlockOnce() throws Exception {
    try (ProverRig prover = ProverRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.bootstrapServers(),
        kafka.bootstrapServers(), List.of("--prover.workers.pools.witness.kind=witness",
            "--prover.workers.pools.witness.count=2"),
        "--prover.execution-client.url=http://" + elLink.hostAndPort() + "/",
        "--prover.execution-client.circuit-breaker.minimum-calls=4",
        "--prover.execution-client.circuit-breaker.sliding-window-calls=8",
        "--prover.execution-client.circuit-breaker.open-duration=PT2S")) {
      await().atMost(Duration.ofSeconds(60)).until(prover.probe()::ready);
      prover.chain(1, 3);
      prover.awaitProofs(3, 1, Duration.ofSeconds(60));

      elLink.cut();
      final Outage outage = Outage.begin();
      prover.chain(4, 6);
      await().atMost(Outage.LENGTH.plusSeconds(5)).until(() -> prover.probe().reportsDown("executionClient"));
      LOG.info("Readiness reported the execution client cut after {}", outage.sinceBegin());
      assertThat(prover.probe().live()).isTrue();
      outage.lastOut();

      elLink.restore();
      outage.end();
      prover.awaitProofs(6, 1, Duration.ofSeconds(90));
      LOG.info(outage.report("prover-el-cut"));
      await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);
      prover.chain(7, BLOCKS);
      prover.awaitProofs(BLOCKS, 1, Duration.ofSeconds(60));
      prover.assertEachPublishedOnce(BLOCKS, 1);
    }
  }
}
