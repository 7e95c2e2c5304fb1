package io.zkstateless.validator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.lodestar.LodestarDevNode;
import io.zkstateless.common.test.lodestar.LodestarInstall;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.store.StoredProof;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The beacon follower against a real beacon node (issue #4): Lodestar 1.5.1 in dev mode with 8
 * validators, 2-second slots and Capella from genesis, its payloads built by a mock Engine API. The
 * follower records the blocks Lodestar produces with their execution payloads, links them by
 * parent, follows the head and applies Lodestar's finalized checkpoints; proofs for the real
 * payload hashes move the proven head.
 *
 * <p>Needs Node and {@code npm ci} in {@code common-test/lodestar}; skipped with the reason
 * otherwise.
 */
class LodestarFollowerTest {

  private static final int MOCK_PROOF_TYPE = 7;
  private static final int CONSECUTIVE_SLOTS = 6;
  /**
   * Lodestar 1.5.1 finalized epoch 2 at slot 32 of its 8-slot epochs (64 s of 2-second slots); the
   * rest is room for a loaded machine.
   */
  private static final Duration FINALITY_TIMEOUT = Duration.ofSeconds(150);

  private static LodestarDevNode lodestar;

  private final Map<Bytes32, BeaconBlock> recorded = new ConcurrentHashMap<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ProvenChainService chain;

  @BeforeAll
  static void startLodestar() throws Exception {
    final Optional<String> unavailable = LodestarInstall.unavailableReason();
    assumeTrue(unavailable.isEmpty(), () -> "Skipping the Lodestar follower test: " + unavailable.orElse(""));
    lodestar = LodestarDevNode.start(Path.of("target/lodestar-follower"), 8, 2);
  }

  @AfterAll
  static void stopLodestar() throws Exception {
    if (lodestar != null) {
      lodestar.close();
    }
  }

  @Test
  void recordsLodestarsBlocksWithTheirPayloadsAndFollowsHeadAndFinality() {
    chain = new ProvenViewFixture().service(ProvenChainListener.NOOP, Clock.systemUTC());
    chain.addBlockListener(block -> recorded.put(block.root(), block));
    final BeaconFollowerRunner runner = runner();
    runner.start();
    try {
      await().atMost(FINALITY_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        assertThat(chain.heads()).isPresent();
        assertThat(chain.heads().orElseThrow().finalized().slot()).as("finalized slot").isPositive();
        assertThat(eventsApplied("finalized_checkpoint")).isPositive();
      });
      assertRecordedBlocksMatchLodestar();
      assertLongestRunOfConsecutiveSlots();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertViewMatchesLodestar);
      assertProofsOfRealPayloadsMoveTheProvenHead();
    } finally {
      runner.stop();
    }
  }

  /** Slot, parent root and payload of every recorded block are what Lodestar serves for its root. */
  private void assertRecordedBlocksMatchLodestar() {
    assertThat(recorded).hasSizeGreaterThanOrEqualTo(CONSECUTIVE_SLOTS);
    for (final BeaconBlock block : recorded.values()) {
      final JsonNode header = lodestar.get("/eth/v1/beacon/headers/" + block.root().toHexString()).path("data");
      assertThat(header.path("canonical").asBoolean()).isTrue();
      final JsonNode message = header.path("header").path("message");
      assertThat(block.slot()).isEqualTo(Long.parseLong(message.path("slot").asString()));
      assertThat(block.parentRoot()).isEqualTo(Bytes32.fromHex(message.path("parent_root").asString()));
      assertThat(block.hasExecutionPayload()).as("Capella block %s has a payload", block.slot()).isTrue();
    }
  }

  /**
   * Among the recorded blocks there is a run of consecutive slots, each the child of the one before
   * and one execution block higher (the mock engine builds each payload on its parent's).
   */
  private void assertLongestRunOfConsecutiveSlots() {
    final Map<Bytes32, BeaconBlock> byRoot = Map.copyOf(recorded);
    final List<BeaconBlock> bySlot = byRoot.values().stream().sorted(Comparator.comparingLong(BeaconBlock::slot)).toList();
    int run = 1;
    int longest = 1;
    for (int i = 1; i < bySlot.size(); i++) {
      final BeaconBlock previous = bySlot.get(i - 1);
      final BeaconBlock block = bySlot.get(i);
      final boolean linked =
          block.slot() == previous.slot() + 1
              && block.parentRoot().equals(previous.root())
              && block.executionBlockNumber() == previous.executionBlockNumber() + 1;
      run = linked ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    assertThat(longest).as("longest run of consecutive linked slots").isGreaterThanOrEqualTo(CONSECUTIVE_SLOTS);
    final Map<Bytes32, Long> numbers =
        bySlot.stream().collect(Collectors.toMap(BeaconBlock::executionBlockHash, BeaconBlock::executionBlockNumber));
    assertThat(numbers).as("distinct execution block hashes").hasSameSizeAs(bySlot);
  }

  /** Our optimistic head and finalized block are Lodestar's (the head may move on in between). */
  private void assertViewMatchesLodestar() {
    final ChainHeads heads = chain.heads().orElseThrow();
    final JsonNode finality = lodestar.get("/eth/v1/beacon/states/head/finality_checkpoints").path("data");
    assertThat(heads.finalized().root())
        .isEqualTo(Bytes32.fromHex(finality.path("finalized").path("root").asString()));
    final JsonNode head = lodestar.get("/eth/v1/beacon/headers/head").path("data");
    assertThat(heads.optimisticHead().root()).isEqualTo(Bytes32.fromHex(head.path("root").asString()));
    final JsonNode payload =
        lodestar.get("/eth/v2/beacon/blocks/" + heads.optimisticHead().root().toHexString())
            .path("data").path("message").path("body").path("execution_payload");
    assertThat(heads.optimisticHead().executionBlockHash())
        .isEqualTo(Bytes32.fromHex(payload.path("block_hash").asString()));
    assertThat(heads.optimisticHead().executionBlockNumber())
        .isEqualTo(Long.parseLong(payload.path("block_number").asString()));
  }

  /**
   * A valid proof for each of the three canonical blocks after finality, by payload hash, proves up
   * to the third (or further, should Lodestar finalize past it meanwhile).
   */
  private void assertProofsOfRealPayloadsMoveTheProvenHead() {
    final long finalizedSlot = chain.heads().orElseThrow().finalized().slot();
    final List<BeaconBlock> next =
        recorded.values().stream()
            .filter(block -> block.slot() > finalizedSlot && chain.status(block.root()).orElseThrow().canonical())
            .sorted(Comparator.comparingLong(BeaconBlock::slot))
            .limit(3)
            .toList();
    assertThat(next).hasSize(3);
    for (final BeaconBlock block : next) {
      chain.recordValidProof(
          new StoredProof(block.executionBlockHash(), MOCK_PROOF_TYPE, 1, 0, new byte[] {1}, "lodestar-test", Instant.now()));
    }
    assertThat(chain.isProven(next.get(2))).isTrue();
    assertThat(chain.heads().orElseThrow().provenHead().slot()).isGreaterThanOrEqualTo(next.get(2).slot());
  }

  private double eventsApplied(final String type) {
    return registry.find("validator_beacon_events_total").tag("type", type).tag("result", "applied").counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private BeaconFollowerRunner runner() {
    final BeaconNodeProperties config =
        new BeaconNodeProperties(lodestar.restUrl(), true, Duration.ofSeconds(5), Duration.ofMillis(200),
            Duration.ofSeconds(2), 1024, 1 << 24, Duration.ofSeconds(30));
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    final ChainFollower follower = new ChainFollower(new BeaconApiClient(http, json, config, Clock.systemUTC()), chain, 1024);
    return new BeaconFollowerRunner(http, follower, new BeaconEventParser(json), config, new FollowerMetrics(registry));
  }
}
