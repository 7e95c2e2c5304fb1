package io.zkstateless.prover.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.jobs.JobDatabase;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.jobs.TestClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import tools.jackson.databind.json.JsonMapper;

/** The execution-client watch source against a fixture JSON-RPC server and a real PostgreSQL. */
class ExecutionBlockPollerTest {

  private static final long GENESIS = 1_700_000_000L;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final TestClock clock = new TestClock();
  private FixtureExecutionClient el;
  private Web3j web3j;
  private JobDatabase db;

  @BeforeEach
  void start() {
    el = FixtureExecutionClient.start();
    web3j = Web3j.build(new HttpService(el.url()));
    db = new JobDatabase();
  }

  @AfterEach
  void stop() {
    web3j.shutdown();
    el.close();
    db.close();
  }

  @Test
  void startsAtTheHeadThenFollowsEveryNewNumberAndResumesAfterARestart() throws Exception {
    serve(100, 104);
    final ExecutionBlockPoller first = poller();
    assertThat(first.poll()).as("a fresh prover starts at the head").isEqualTo(2);
    serve(105, 106);
    assertThat(first.poll()).isEqualTo(4);
    assertThat(first.poll()).isZero();

    serve(107, 108);
    final ExecutionBlockPoller restarted = poller();
    assertThat(restarted.poll()).as("resumes after block 106, redoes nothing").isEqualTo(4);
    assertThat(db.store().findByBlockNumber(103)).isEmpty();
    assertThat(db.store().findByBlockNumber(108)).hasSize(2);

    final ProofJob job = db.store().find(new JobKey(hash(106), "mock")).orElseThrow();
    assertThat(job.block().gasUsed()).isEqualTo(21_000 * 106);
    assertThat(job.block().slot()).isEqualTo(106 * 5 / 12);
    assertThat(job.block().beaconBlockRoot()).isEqualTo(Bytes32.ZERO);
  }

  private ExecutionBlockPoller poller() {
    final WatchProperties config =
        new WatchProperties(
            WatchProperties.Source.EXECUTION,
            URI.create("http://localhost:5052"),
            Duration.ofSeconds(1),
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            64,
            1 << 20,
            32,
            Duration.ofSeconds(1),
            GENESIS,
            12,
            Duration.ofSeconds(2),
            false);
    final ProofJobStore store = db.store();
    return new ExecutionBlockPoller(web3j, store, List.of("mock", "sp1"), config, clock);
  }

  /** Synthetic blocks: timestamp 5 s apart from genesis, 21000 gas per number. */
  private void serve(final long from, final long to) {
    for (long n = from; n <= to; n++) {
      final String block =
          "{\"hash\":\""
              + hash(n).toHexString()
              + "\",\"number\":\"0x"
              + Long.toHexString(n)
              + "\",\"parentHash\":\""
              + hash(n - 1).toHexString()
              + "\",\"timestamp\":\"0x"
              + Long.toHexString(GENESIS + 5 * n)
              + "\",\"gasUsed\":\"0x"
              + Long.toHexString(21_000 * n)
              + "\",\"transactions\":[]}";
      el.serve(FixtureBlock.of(JSON.readTree(block), null, JSON.readTree("{}")));
    }
  }

  private static Bytes32 hash(final long n) {
    return JobDatabase.hash('e', n);
  }
}
