package io.zkstateless.validator.follow;

import static io.zkstateless.validator.follow.BeaconFollowerTest.block;
import static io.zkstateless.validator.follow.BeaconFollowerTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.service.sse.SseReader;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.store.StoredProof;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #9, hostile beacon node: the validator's follower over real HTTP/SSE against a node that
 * sends junk lines and bytes, a giant line, events for blocks it does not have, and a storm of
 * {@code chain_reorg}s. The follower must neither crash nor grow; after each attack its view must
 * match the node's real chain again.
 */
class HostileBeaconStreamTest {

  private static final int MOCK = 7;
  private final Clock clock = Clock.systemUTC();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ScriptedBeaconNode node;
  private ProvenChainService chain;
  private BeaconFollowerRunner runner;

  @BeforeEach
  void start() throws Exception {
    final ProvenViewFixture db = new ProvenViewFixture();
    node = new ScriptedBeaconNode(block("g", 0, null));
    chain = db.service(ProvenChainListener.NOOP, clock);
    final BeaconNodeProperties config =
        new BeaconNodeProperties(node.url(), true, Duration.ofSeconds(2), Duration.ofMillis(50),
            Duration.ofMillis(200), 64, 1 << 20, Duration.ofSeconds(30));
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    runner = new BeaconFollowerRunner(http,
        new ChainFollower(new BeaconApiClient(http, json, config, clock), chain, config.maxBackfillBlocks()),
        new BeaconEventParser(json), config, new FollowerMetrics(registry));
    runner.start();
    await().until(() -> runner.status().state() == FollowerState.FOLLOWING);
  }

  @AfterEach
  void stop() {
    runner.stop();
    node.close();
  }

  @Test
  void junkLinesBinaryBytesAndAGiantLineAreSurvivedAndTheViewRecovers() {
    grow("a", "g", 1, 2);
    awaitHeads(2, hex("r", "a2"));
    final int subscriptions = node.subscriptionCount();

    node.emitRaw(bytes("no colon at all\nevent\ndata\n\n: comment\n\nretry: 5\nid: 9\n\n"));
    node.emitRaw(bytes("event: head\ndata: {\"slot\":\n\n")); // cut JSON
    node.emitRaw(bytes("event: nonsense\ndata: {}\n\n")); // an event type nobody asked for
    node.emitRaw(bytes("data: {\"slot\":\"1\"}\n\n")); // data without an event name
    node.emitRaw(bytes("event: head\r\ndata: [1,2,3]\r\n\r\n")); // CRLF, wrong shape
    final byte[] binary = new byte[4096];
    new Random(9).nextBytes(binary);
    node.emitRaw(binary);
    node.emitRaw(bytes("\n\n"));
    grow("a", "a2", 3, 1);
    awaitHeads(3, hex("r", "a3"));
    assertThat(runner.status().state()).isEqualTo(FollowerState.FOLLOWING);

    // A line longer than the reader's bound ends the stream; the follower reconnects and backfills.
    final byte[] giant = new byte[4 * SseReader.MAX_LINE_BYTES];
    Arrays.fill(giant, (byte) 'x');
    node.emitRaw(bytes("event: head\ndata: "));
    node.emitRaw(giant);
    node.addBlockSilently(block("a4", 4, "a3"));
    node.setHeadSilently(hex("r", "a4"));
    awaitHeads(4, hex("r", "a4"));
    assertThat(node.subscriptionCount()).isGreaterThan(subscriptions);
    assertThat(registry.get("validator_beacon_disconnects_total").counter().count()).isPositive();
  }

  @Test
  void eventsForUnknownBlocksDoNotCorruptTheView() {
    grow("a", "g", 1, 3);
    awaitHeads(3, hex("r", "a3"));
    for (int i = 0; i < 50; i++) {
      final String ghost = hex("ghost", Integer.toString(i));
      node.emit("block", "{\"slot\":\"" + (100 + i) + "\",\"block\":\"" + ghost + "\",\"execution_optimistic\":false}");
      node.emit("head", "{\"slot\":\"" + (100 + i) + "\",\"block\":\"" + ghost + "\",\"state\":\"" + ghost
          + "\",\"epoch_transition\":false,\"execution_optimistic\":false}");
      node.emit("chain_reorg", "{\"slot\":\"" + (100 + i) + "\",\"depth\":\"3\",\"old_head_block\":\"" + hex("r", "a3")
          + "\",\"new_head_block\":\"" + ghost + "\",\"old_head_state\":\"" + ghost + "\",\"new_head_state\":\""
          + ghost + "\",\"epoch\":\"3\",\"execution_optimistic\":false}");
    }
    // The node's real chain goes on; the view follows it, without any ghost.
    grow("a", "a3", 4, 2);
    awaitHeads(5, hex("r", "a5"));
    assertThat(chain.heads().orElseThrow().optimisticHead().root().toHexString()).isEqualTo(hex("r", "a5"));
  }

  @Test
  void aReorgStormSettlesOnTheNodesLastHead() {
    grow("a", "g", 1, 5);
    String previous = "g";
    for (int i = 1; i <= 5; i++) {
      node.addBlock(block("b" + i, i, previous));
      previous = "b" + i;
    }
    for (int i = 1; i <= 5; i++) {
      prove("b" + i);
    }
    awaitHeads(5, hex("r", "a5"));
    final long started = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      node.reorg(hex("r", i % 2 == 0 ? "b5" : "a5"), 5);
    }
    node.reorg(hex("r", "b5"), 5);
    awaitHeads(5, hex("r", "b5"));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> chain.heads().orElseThrow().provenHead().root().toHexString().equals(hex("r", "b5")));
    assertThat(runner.status().state()).isEqualTo(FollowerState.FOLLOWING);
    System.out.printf("Reorg storm of 201 chain_reorg+head pairs settled in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
  }

  private void grow(final String prefix, final String parent, final long slot, final int count) {
    String previous = parent;
    for (int i = 0; i < count; i++) {
      final String name = prefix + (slot + i);
      node.addBlock(block(name, slot + i, previous));
      node.setHead(hex("r", name));
      previous = name;
    }
  }

  private void prove(final String name) {
    chain.recordValidProof(
        new StoredProof(Bytes32.fromHex(hex("e", name)), MOCK, 1, 0, new byte[] {1}, "test", Instant.now()));
  }

  private void awaitHeads(final long optimisticSlot, final String optimisticRoot) {
    await().atMost(Duration.ofSeconds(20)).until(() -> chain.heads()
        .map(ChainHeads::optimisticHead)
        .map(h -> h.slot() == optimisticSlot && h.root().toHexString().equals(optimisticRoot))
        .orElse(false));
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
