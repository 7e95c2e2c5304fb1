package io.zkstateless.validator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.store.StoredProof;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The follower against a scripted beacon node over real HTTP and SSE, with the proven view on a
 * real PostgreSQL: normal progress, proofs before blocks, reorgs onto proven branches, finality,
 * dropped streams and junk events.
 */
class BeaconFollowerTest {

  private static final int MOCK = 7;
  private final Clock clock = Clock.systemUTC();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ProvenViewFixture db;
  private ScriptedBeaconNode node;
  private ProvenChainService chain;
  private BeaconFollowerRunner runner;

  @BeforeEach
  void start() throws Exception {
    db = new ProvenViewFixture();
    node = new ScriptedBeaconNode(block("g", 0, null));
    chain = db.service(ProvenChainListener.NOOP, clock);
    runner = runner(chain);
    runner.start();
    await().until(() -> runner.status().state() == FollowerState.FOLLOWING);
  }

  @AfterEach
  void stop() {
    runner.stop();
    node.close();
  }

  private BeaconFollowerRunner runner(final ProvenChainService service) {
    final BeaconNodeProperties config =
        new BeaconNodeProperties(node.url(), true, Duration.ofSeconds(2), Duration.ofMillis(50),
            Duration.ofMillis(200), 64, 1 << 20, Duration.ofSeconds(30));
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    final ChainFollower follower =
        new ChainFollower(new BeaconApiClient(http, json, config, clock), service, config.maxBackfillBlocks());
    return new BeaconFollowerRunner(http, follower, new BeaconEventParser(json), config, new FollowerMetrics(registry));
  }

  static String hex(final String prefix, final String name) {
    final byte[] bytes = new byte[32];
    final byte[] label = (prefix + name).getBytes();
    System.arraycopy(label, 0, bytes, 0, label.length);
    return Bytes32.wrap(bytes).toHexString();
  }

  static ScriptedBeaconNode.Block block(final String name, final long slot, final String parent) {
    return new ScriptedBeaconNode.Block(
        hex("r", name), slot, parent == null ? Bytes32.ZERO.toHexString() : hex("r", parent), hex("e", name), slot);
  }

  /** Adds blocks prefix1..prefixN on {@code parent} starting at {@code slot}, moving the head each time. */
  private void grow(final String prefix, final String parent, final long slot, final int count) {
    String previous = parent;
    for (int i = 1; i <= count; i++) {
      node.addBlock(block(prefix + i, slot + i - 1, previous));
      node.setHead(hex("r", prefix + i));
      previous = prefix + i;
    }
  }

  private void prove(final String name) {
    chain.recordValidProof(
        new StoredProof(Bytes32.fromHex(hex("e", name)), MOCK, 1, 0, new byte[] {1}, "test", Instant.now()));
  }

  private ChainHeads heads() {
    return chain.heads().orElseThrow();
  }

  private void awaitHeads(final long optimisticSlot, final long provenSlot) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(chain.heads()).as("view restored or anchored").isPresent();
      assertThat(heads().optimisticHead().slot()).isEqualTo(optimisticSlot);
      assertThat(heads().provenHead().slot()).isEqualTo(provenSlot);
    });
  }

  @Test
  void followsNormalProgressAndProofsMoveTheProvenHead() {
    grow("a", "g", 1, 4);
    awaitHeads(4, 0);
    prove("a1");
    prove("a2");
    awaitHeads(4, 2);
    assertThat(heads().gapSlots()).isEqualTo(2);
  }

  @Test
  void aProofBeforeItsBlockCountsWhenTheBlockArrives() {
    prove("a1");
    grow("a", "g", 1, 1);
    awaitHeads(1, 1);
  }

  @Test
  void reorgsOfDepthOneAndFiveOntoProvenBranchesMoveTheProvenHeadWithoutNewProofs() {
    grow("a", "g", 1, 6);
    for (int i = 1; i <= 6; i++) {
      prove("a" + i);
    }
    awaitHeads(6, 6);

    // depth 1: b6 replaces a6; its proof already arrived
    node.addBlock(block("b6", 6, "a5"));
    prove("b6");
    node.reorg(hex("r", "b6"), 1);
    awaitHeads(6, 6);
    assertThat(heads().optimisticHead().root().toHexString()).isEqualTo(hex("r", "b6"));

    // depth 5: c2..c7 replace a2..a5,b6 from a1; proofs exist for c2..c5 only
    String previous = "a1";
    for (int i = 2; i <= 7; i++) {
      node.addBlock(block("c" + i, i, previous));
      previous = "c" + i;
      if (i <= 5) {
        prove("c" + i);
      }
    }
    node.reorg(hex("r", "c7"), 5);
    awaitHeads(7, 5);
  }

  @Test
  void finalizationPrunesAndAnchorsTheProvenChain() {
    grow("a", "g", 1, 5);
    prove("a4");
    prove("a5");
    awaitHeads(5, 0);
    node.finalize(hex("r", "a3"));
    awaitHeads(5, 5);
    assertThat(heads().finalized().slot()).isEqualTo(3);
    assertThat(db.jdbc.sql("SELECT count(*) FROM beacon_block").query(Long.class).single()).isEqualTo(3);
  }

  @Test
  void aDroppedStreamIsReopenedAndTheGapBackfilled() {
    grow("a", "g", 1, 2);
    awaitHeads(2, 0);
    final int subscriptions = node.subscriptionCount();
    node.refuseEvents(true);
    node.dropConnections();
    await().until(() -> runner.status().state() == FollowerState.DISCONNECTED);
    // blocks produced while we were away are never announced to us
    for (int i = 3; i <= 8; i++) {
      node.addBlockSilently(block("a" + i, i, "a" + (i - 1)));
    }
    node.setHeadSilently(hex("r", "a8"));
    node.refuseEvents(false);

    awaitHeads(8, 0);
    assertThat(node.subscriptionCount()).isGreaterThan(subscriptions);
    assertThat(registry.get("validator_beacon_disconnects_total").counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anOperatorBackfillCatchesUpOnBlocksNeverAnnouncedWithoutReconnecting() {
    grow("a", "g", 1, 1);
    awaitHeads(1, 0);
    final int subscriptions = node.subscriptionCount();
    for (int i = 2; i <= 5; i++) {
      node.addBlockSilently(block("a" + i, i, "a" + (i - 1)));
    }
    node.setHeadSilently(hex("r", "a5"));

    assertThat(runner.requestBackfill()).isTrue();
    awaitHeads(5, 0);
    assertThat(node.subscriptionCount()).isEqualTo(subscriptions);
    assertThat(runner.status().state()).isEqualTo(FollowerState.FOLLOWING);
    runner.stop();
    assertThat(runner.requestBackfill()).as("a stopped follower takes no request").isFalse();
  }

  @Test
  void stoppingWhileFollowingIsNeitherADisconnectNorAFailure() throws Exception {
    grow("a", "g", 1, 1);
    awaitHeads(1, 0);
    // The follower thread is blocked reading the event stream; stop() interrupts it.
    runner.stop();
    assertThat(runner.awaitTermination(Duration.ofSeconds(10))).isTrue();
    assertThat(runner.status().state()).isEqualTo(FollowerState.STOPPED);
    assertThat(registry.get("validator_beacon_disconnects_total").counter().count()).isZero();
  }

  @Test
  void malformedEventsAreCountedAndIgnored() {
    node.emit("head", "{not json");
    node.emit("head", "{\"slot\":\"1\",\"block\":\"0x1234\"}");
    node.emit("finalized_checkpoint", "{\"epoch\":\"-5\",\"block\":\"" + hex("r", "g") + "\"}");
    grow("a", "g", 1, 1);
    awaitHeads(1, 0);
    assertThat(registry.get("validator_beacon_events_total").tag("type", "head").tag("result", "rejected").counter().count())
        .isEqualTo(2);
    assertThat(runner.status().state()).isEqualTo(FollowerState.FOLLOWING);
  }

  @Test
  void aRestartedFollowerResumesFromTheStoreAndCatchesUp() {
    grow("a", "g", 1, 3);
    prove("a1");
    awaitHeads(3, 1);
    runner.stop();
    node.addBlockSilently(block("a4", 4, "a3"));
    node.setHeadSilently(hex("r", "a4"));

    chain = db.service(ProvenChainListener.NOOP, clock);
    runner = runner(chain);
    runner.start();
    awaitHeads(4, 1);
  }
}
