package io.zkstateless.prover.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.prover.KnownExecutionRequests;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.JobDatabase;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.jobs.TestClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The beacon watcher against a scripted beacon node over real HTTP and SSE, jobs in PostgreSQL. */
class BeaconWatcherTest {

  private final FinalizedSlot finalized = new FinalizedSlot();
  private ScriptedBeaconNode node;
  private JobDatabase db;
  private ProofJobStore store;
  private BeaconWatcher watcher;

  @BeforeEach
  void start() throws Exception {
    node = new ScriptedBeaconNode(block("g", 0, null, false));
    db = new JobDatabase();
    store = db.store();
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.stop();
    }
    node.close();
    db.close();
  }

  @Test
  void makesJobsForEveryBlockIncludingSideBranchesAndFillsGaps() {
    node.addBlockSilently(block("a1", 1, "g", true));
    node.addBlockSilently(block("a2", 2, "a1", true));
    node.setHeadSilently(root("a2"));
    startWatcher();
    await().until(() -> store.findByBlockNumber(2).size() == 2);
    assertThat(store.findByBlockNumber(1)).hasSize(2);

    node.addBlock(block("a3", 3, "a2", true));
    node.addBlock(block("b3", 3, "a2", true));
    // a4 and a5 arrive, but only a5's event does: a4 is found by walking back from a5.
    node.addBlockSilently(block("a4", 4, "a3", true));
    node.addBlock(block("a5", 5, "a4", true));
    node.setHead(root("a5"));
    await().until(() -> store.findByBlockNumber(5).size() == 2);
    assertThat(store.findByBlockNumber(3))
        .extracting(ProofJob::proofType)
        .containsExactlyInAnyOrder("mock", "mock", "sp1", "sp1");
    assertThat(store.findByBlockNumber(4)).hasSize(2);
    assertThat(store.findByBlockNumber(0))
        .as("pre-merge genesis has no payload to prove")
        .isEmpty();
  }

  @Test
  void jobsCarryTheExecutionRequestsOfTheirBeaconBlock() {
    startWatcher();
    node.setExecutionRequests(root("a1"), KnownExecutionRequests.json());
    node.setExecutionRequests(
        root("a2"), "{\"deposits\":[],\"withdrawals\":[],\"consolidations\":[]}");
    node.addBlockSilently(block("a1", 1, "g", true));
    node.addBlock(block("a2", 2, "a1", true));

    await().until(() -> store.findByBlockNumber(1).size() == 2);

    final Instant now = Instant.now();
    final ProofJob a2 = store.claim("sp1", "test", now, Duration.ofMinutes(1)).orElseThrow();
    final ProofJob a1 = store.claim("sp1", "test", now, Duration.ofMinutes(1)).orElseThrow();
    assertThat(a2.block().blockNumber()).isEqualTo(2);
    assertThat(a2.block().executionRequests()).contains(ElectraExecutionRequests.EMPTY);
    assertThat(a1.block().executionRequests()).contains(KnownExecutionRequests.value());
  }

  @Test
  void sideBranchesMissedWhileDownAreFoundOnStart() {
    node.addBlockSilently(block("a1", 1, "g", true));
    node.addBlockSilently(block("a2", 2, "a1", true));
    node.addBlockSilently(block("b2", 2, "a1", true));
    node.addBlockSilently(block("c3", 3, "b2", true));
    node.addBlockSilently(block("a3", 3, "a2", true));
    node.setHeadSilently(root("a3"));

    startWatcher();
    await().until(() -> watcher.connected());

    assertThat(store.findByBlockNumber(2))
        .extracting(job -> job.block().beaconBlockRoot().toHexString())
        .containsOnly(root("a2"), root("b2"));
    assertThat(store.findByBlockNumber(3)).hasSize(4);
  }

  @Test
  void aChainReorgScansTheSlotsItSpans() {
    node.addBlockSilently(block("a1", 1, "g", true));
    node.addBlockSilently(block("a2", 2, "a1", true));
    node.setHeadSilently(root("a2"));
    startWatcher();
    // A branch from a1 whose blocks' events were lost; d2 is a sibling the new head does not build on.
    node.addBlockSilently(block("b2", 2, "a1", true));
    node.addBlockSilently(block("d2", 2, "a1", true));
    node.addBlockSilently(block("b3", 3, "b2", true));
    node.reorg(root("b3"), 2);

    await().until(() -> store.findByBlockNumber(3).size() == 2);
    await().until(() -> store.findByBlockNumber(2).size() == 6);
  }

  @Test
  void skipsMalformedEventsTracksFinalityAndReconnects() {
    startWatcher();
    await().until(() -> watcher.connected());
    node.emit("block", "{not json");
    node.emit("block", "{\"block\":\"0x1234\",\"slot\":\"1\"}");
    node.emit("finalized_checkpoint", "{\"block\":\"" + root("g") + "\",\"epoch\":\"-3\"}");
    node.finalize(root("g"));
    node.addBlock(block("a1", 64, "g", true));
    await().until(() -> store.findByBlockNumber(64).size() == 2);
    assertThat(finalized.get()).hasValue(0);
    node.emit(
        "finalized_checkpoint",
        "{\"block\":\"" + root("a1") + "\",\"epoch\":\"2\",\"state\":\"0x\"}");
    await().until(() -> finalized.get().orElse(-1) == 64);

    final int subscriptions = node.subscriptionCount();
    node.dropConnections();
    node.addBlockSilently(block("a2", 65, "a1", true));
    node.setHeadSilently(root("a2"));
    await().until(() -> node.subscriptionCount() > subscriptions);
    await().until(() -> store.findByBlockNumber(65).size() == 2);
  }

  @Test
  void reopensAStreamThatFellSilent() {
    startWatcher(Duration.ofSeconds(2));
    final int subscriptions = node.subscriptionCount();
    await().atMost(Duration.ofSeconds(10)).until(() -> node.subscriptionCount() > subscriptions);
  }

  /**
   * Issue #9, hostile beacon node: junk lines and bytes, events for blocks the node does not have,
   * a storm of reorgs and a line beyond the reader's bound. No crash, no job for a ghost, and the
   * real chain's blocks still get their jobs (the giant line costs a reconnect and a backfill).
   */
  @Test
  void survivesJunkUnknownBlocksAReorgStormAndAGiantLine() {
    startWatcher();
    await().until(() -> watcher.connected());
    final byte[] binary = new byte[4096];
    new java.util.Random(9).nextBytes(binary);
    node.emitRaw("no colon\nevent\n\nevent: block\r\ndata: [1]\r\n\n".getBytes());
    node.emitRaw(binary);
    node.emitRaw("\n\n".getBytes());
    for (int i = 0; i < 50; i++) {
      final String ghost = hex("ghost", Integer.toString(i));
      node.emit("block", "{\"slot\":\"" + (100 + i) + "\",\"block\":\"" + ghost + "\"}");
      node.emit("head", "{\"slot\":\"" + (100 + i) + "\",\"block\":\"" + ghost + "\",\"state\":\"" + ghost + "\"}");
    }
    node.addBlock(block("a1", 1, "g", true));
    node.addBlock(block("b1", 1, "g", true));
    for (int i = 0; i < 200; i++) {
      node.reorg(root(i % 2 == 0 ? "a1" : "b1"), 1);
    }
    await().until(() -> store.findByBlockNumber(1).size() == 4);
    assertThat(store.findByBlockNumber(100)).isEmpty();

    final int subscriptions = node.subscriptionCount();
    final byte[] giant = new byte[4 * io.zkstateless.common.service.sse.SseReader.MAX_LINE_BYTES];
    java.util.Arrays.fill(giant, (byte) 'x');
    node.emitRaw("event: block\ndata: ".getBytes());
    node.emitRaw(giant);
    node.addBlockSilently(block("a2", 2, "a1", true));
    node.setHeadSilently(root("a2"));
    await().until(() -> node.subscriptionCount() > subscriptions);
    await().until(() -> store.findByBlockNumber(2).size() == 2);
    assertThat(watcher.connected()).isTrue();
  }

  private void startWatcher() {
    startWatcher(Duration.ofSeconds(60));
  }

  private void startWatcher(final Duration stallTimeout) {
    final WatchProperties config =
        new WatchProperties(
            WatchProperties.Source.BEACON,
            node.url(),
            Duration.ofSeconds(2),
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            64,
            1 << 20,
            32,
            Duration.ofSeconds(1),
            -1,
            12,
            stallTimeout,
            false);
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    final BeaconBlocksClient beacon = new BeaconBlocksClient(http, json, config);
    final BlockIntake intake =
        new BlockIntake(beacon, store, List.of("mock", "sp1"), 64, new TestClock());
    watcher = new BeaconWatcher(http, json, beacon, intake, finalized, config);
    watcher.start();
    // The node registers a subscriber only after its response headers went out; wait for it.
    await().until(() -> node.openSubscriptions() == 1);
  }

  private static String root(final String name) {
    return hex("r", name);
  }

  private static String hex(final String prefix, final String name) {
    final byte[] bytes = new byte[32];
    final byte[] label = (prefix + name).getBytes();
    System.arraycopy(label, 0, bytes, 0, label.length);
    return Bytes32.wrap(bytes).toHexString();
  }

  private static ScriptedBeaconNode.Block block(
      final String name, final long slot, final String parent, final boolean payload) {
    return new ScriptedBeaconNode.Block(
        root(name),
        slot,
        parent == null ? Bytes32.ZERO.toHexString() : root(parent),
        payload ? hex("e", name) : Bytes32.ZERO.toHexString(),
        slot);
  }
}
