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

  @Test
  void aReorgToBlocksAtNumbersAlreadyPassedIsFollowedBackToTheKnownChain() throws Exception {
    serve(100, 100);
    final ExecutionBlockPoller poller = poller();
    poller.poll();
    serve(101, 107);
    assertThat(poller.poll()).isEqualTo(14);

    // The client switches to a branch from 104 at the same height: 105', 106', 107'.
    serveBlock(fork(105), 105, hash(104));
    serveBlock(fork(106), 106, fork(105));
    serveBlock(fork(107), 107, fork(106));
    assertThat(poller.poll()).as("found by walking back from the head").isEqualTo(6);
    // Then to a branch from 106' that is also longer: 107'', 108'', 109''.
    serveBlock(fork2(107), 107, fork(106));
    serveBlock(fork2(108), 108, fork2(107));
    serveBlock(fork2(109), 109, fork2(108));
    assertThat(poller.poll()).as("108'' and 109'' by number, 107'' as the parent of 108''").isEqualTo(6);
    assertThat(poller.poll()).isZero();

    assertThat(db.store().findByBlockNumber(106))
        .extracting(job -> job.block().blockHash())
        .containsOnly(hash(106), fork(106));
    assertThat(db.store().findByBlockNumber(107)).hasSize(6);
    assertThat(db.store().findByBlockNumber(105)).hasSize(4);
    assertThat(db.store().findByBlockNumber(104)).hasSize(2);
  }

  @Test
  void aReorgDoesNotReachBelowTheFirstBlockTheProverSaw() throws Exception {
    serve(100, 104);
    final ExecutionBlockPoller poller = poller();
    poller.poll();
    serveBlock(fork(103), 103, hash(102));
    serveBlock(fork(104), 104, fork(103));
    serveBlock(fork(105), 105, fork(104));

    assertThat(poller.poll()).as("105' and 104', not 103'").isEqualTo(4);
    assertThat(db.store().findByBlockNumber(103)).isEmpty();
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
      serveBlock(hash(n), n, hash(n - 1));
    }
  }

  private void serveBlock(final Bytes32 hash, final long n, final Bytes32 parent) {
    final String block =
        "{\"hash\":\""
            + hash.toHexString()
            + "\",\"number\":\"0x"
            + Long.toHexString(n)
            + "\",\"parentHash\":\""
            + parent.toHexString()
            + "\",\"timestamp\":\"0x"
            + Long.toHexString(GENESIS + 5 * n)
            + "\",\"gasUsed\":\"0x"
            + Long.toHexString(21_000 * n)
            + "\",\"transactions\":[]}";
    el.serve(FixtureBlock.of(JSON.readTree(block), null, JSON.readTree("{}")));
  }

  private static Bytes32 hash(final long n) {
    return JobDatabase.hash('e', n);
  }

  private static Bytes32 fork(final long n) {
    return JobDatabase.hash('f', n);
  }

  private static Bytes32 fork2(final long n) {
    return JobDatabase.hash('g', n);
  }
}
