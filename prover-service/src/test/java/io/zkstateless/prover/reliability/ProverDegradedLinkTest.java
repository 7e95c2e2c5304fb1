package io.zkstateless.prover.reliability;

import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.fault.Degradation;
import io.zkstateless.common.test.fault.DegradedRun;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.common.test.kafka.KafkaTestBroker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prover's bulk links slowed rather than cut, under a stream of blocks: Kafka (every proof is
 * published; the mock proofs are 256 KiB) and the execution client (the {@code witness} proof type
 * fetches each block's recorded hoodi-51632 witness, 340 KB of JSON, and raw block), each with
 * latency and then with a 1 MiB/s cap, for {@link Degradation#LENGTH}, then lifted. One prover
 * lives through all four cases. Asserted in each: no crash, readiness answers throughout and never
 * blames a healthy dependency, the backlog drains after the lift, and every (block, proof type)
 * reaches Kafka exactly once. Throughput under the fault and the drain time are logged ({@code
 * LOAD}).
 */
class ProverDegradedLinkTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProverDegradedLinkTest.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BLOCKS_PER_SECOND = 6;
  private static final int TYPES = 2;
  private static final int WARM_UP_BLOCKS = 5;
  private static KafkaTestBroker kafka;
  private static FixtureExecutionClient el;
  private static FaultProxy elLink;
  private static FixtureBlock recorded;
  private static JsonNode witness;
  private static ProverRig prover;
  private static int head;

  @BeforeAll
  static void start() {
    kafka = KafkaTestBroker.start("execution-proofs");
    el = FixtureExecutionClient.start();
    elLink = FaultProxy.to("127.0.0.1", URI.create(el.url()).getPort());
    recorded = FixtureBlock.recorded("hoodi-51632");
    witness = Fixtures.witnessFixture("hoodi-51632").path("witness");
    prover = ProverRig.start(EmbeddedPostgresSupport.newDatabase(), kafka.proxiedBootstrapServers(),
        kafka.bootstrapServers(), List.of(
            "--prover.workers.pools.mock.count=2",
            "--prover.workers.pools.mock.mock.proving-time=PT0.02S",
            "--prover.workers.pools.mock.mock.proof-size=262144",
            "--prover.workers.pools.witness.kind=witness",
            "--prover.workers.pools.witness.count=2"),
        "--prover.execution-client.url=http://" + elLink.hostAndPort() + "/");
    await().atMost(Duration.ofSeconds(60)).until(prover.probe()::ready);
    // Warm-up, not measured: the first blocks pay for class loading and connection set-up.
    for (int n = 1; n <= WARM_UP_BLOCKS; n++) {
      serve(n);
    }
    head = WARM_UP_BLOCKS;
    prover.chain(1, head);
    prover.awaitEveryProofOf(head, TYPES, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (prover != null) {
      prover.close();
    }
    elLink.close();
    el.close();
    kafka.close();
  }

  static Stream<Arguments> degradedLinks() {
    return Stream.of(
        Arguments.of("kafka", Degradation.latency()),
        Arguments.of("kafka", Degradation.bandwidth()),
        Arguments.of("executionClient", Degradation.latency()),
        Arguments.of("executionClient", Degradation.bandwidth()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("degradedLinks")
  void provesEveryBlockThroughASlowLinkAndDrainsAfterTheLift(final String link, final Degradation degradation)
      throws Exception {
    final FaultProxy proxy = link.equals("kafka") ? kafka.link() : elLink;
    final DegradedRun run = DegradedRun.start("prover-" + link, proxy, degradation, prover.probe(),
        prover::publishedCount);
    final long interval = 1000 / BLOCKS_PER_SECOND;
    final long end = System.nanoTime() + Degradation.LENGTH.toNanos();
    while (System.nanoTime() < end) {
      head++;
      serve(head);
      prover.chain(head, head);
      Thread.sleep(interval);
    }
    run.lift((long) TYPES * head);
    run.awaitDrained((long) TYPES * head, Duration.ofSeconds(120));
    LOG.info(run.report());

    run.assertReadinessTruthful(link);
    await().atMost(Duration.ofSeconds(30)).until(prover.probe()::ready);
    prover.assertEachPublishedOnce(head, TYPES);
  }

  /** The execution client answers block {@code n} with the recorded witness and raw block. */
  private static void serve(final int n) {
    final String hash = ProverRig.blockHash(n);
    el.serve(new FixtureBlock(hash, n,
        JSON.readTree("{\"hash\":\"" + hash + "\",\"number\":\"0x" + Integer.toHexString(n) + "\"}"),
        recorded.rawBlock(), out -> out.write(JSON.writeValueAsBytes(witness))));
  }
}
