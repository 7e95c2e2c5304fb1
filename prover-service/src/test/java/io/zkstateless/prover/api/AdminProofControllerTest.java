package io.zkstateless.prover.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.config.WorkersProperties;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.jobs.JobDatabase;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.jobs.TestClock;
import io.zkstateless.prover.proving.WorkerPools;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.WatchProperties;
import io.zkstateless.prover.witness.ExecutionClientSettings;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.RetryScheduler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #5: execution blocks the prover never saw, requested by hash, number or number range, are
 * resolved through a real HTTP execution client serving a recorded mainnet block and a scripted
 * beacon node, and queued pinned; a real job table (PostgreSQL).
 */
class AdminProofControllerTest {

  private static final String FIXTURE = "mainnet-24341035";
  private static final String BEACON_ROOT = root('b');
  private static final long SLOT = 13_574_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestClock clock = new TestClock();
  private final JsonNode header = Fixtures.witnessFixture(FIXTURE).path("block");
  private final Bytes32 hash = Bytes32.fromHex(header.path("hash").asString());
  private final long number = Long.decode(header.path("number").asString());
  private final String parentBeaconRoot = header.path("parentBeaconBlockRoot").asString();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private FixtureExecutionClient el;
  private ScriptedBeaconNode beaconNode;
  private JobDatabase db;
  private ProofJobStore store;
  private WorkerPools pools;
  private AdminProofController admin;

  @BeforeEach
  void start() throws IOException {
    el = FixtureExecutionClient.start().serveRecorded(FIXTURE);
    beaconNode =
        new ScriptedBeaconNode(
            new ScriptedBeaconNode.Block(parentBeaconRoot, SLOT - 1, root('0'), root('e'), number - 1));
    // A sibling on another payload: the match must be by block hash, not by parent.
    beaconNode.addBlockSilently(
        new ScriptedBeaconNode.Block(root('c'), SLOT, parentBeaconRoot, root('d'), number));
    db = new JobDatabase();
    store = db.store();
    pools = new WorkerPools(new WorkersProperties(null), ProofTypeRegistry.defaults(), clock, null);
    admin = controller(beaconNode.url());
  }

  @AfterEach
  void stop() {
    pools.close();
    db.close();
    el.close();
    beaconNode.close();
    timer.shutdownNow();
    executor.shutdownNow();
  }

  @Test
  void anUnseenBlockByHashIsResolvedToItsBeaconBlockAndQueuedPinned() {
    carryPayload();

    assertThat(admin.requestBlockHash(hash.toHexString()).block())
        .isEqualTo(Map.of("queued", 1, "requeued", 0));

    final JobKey key = new JobKey(hash, "mock");
    final BlockRef block = store.find(key).orElseThrow().block();
    assertThat(block.slot()).isEqualTo(SLOT);
    assertThat(block.beaconBlockRoot()).isEqualTo(Bytes32.fromHex(BEACON_ROOT));
    assertThat(block.blockNumber()).isEqualTo(number);
    assertThat(store.detail(key).orElseThrow().pinned()).isTrue();
    assertThat(admin.requestBlockHash(hash.toHexString()).block())
        .as("known now: requeued if failed or dropped, never queued twice")
        .isEqualTo(Map.of("queued", 0, "requeued", 0));
  }

  @Test
  void anUnseenBlockByNumberIsResolvedAndQueued() {
    carryPayload();

    assertThat(admin.requestBlockNumber(number).block())
        .isEqualTo(Map.of("queued", 1, "requeued", 0));
    assertThat(store.find(new JobKey(hash, "mock"))).isPresent();
  }

  @Test
  void theHeaderSlotFromTheGenesisTimeFindsTheBlockWithoutAParentQuery() {
    // Placed at the slot the timestamp gives, under another parent: only the slot query finds it.
    final long timestamp = Long.decode(header.path("timestamp").asString());
    final long genesis = timestamp - SLOT * 12;
    beaconNode.addBlockSilently(
        new ScriptedBeaconNode.Block(BEACON_ROOT, SLOT, root('f'), hash.toHexString(), number));
    admin = controller(beaconNode.url(), genesis);

    assertThat(admin.requestBlockHash(hash.toHexString()).block()).containsEntry("queued", 1);
  }

  @Test
  void aBlockTheExecutionClientDoesNotKnowIs404() {
    assertThat(status(() -> admin.requestBlockHash(root('9')).block()))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(status(() -> admin.requestBlockNumber(number + 1).block()))
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aBlockNoBeaconBlockCarriesIs422() {
    final ResponseStatusException e =
        catchThrowableOfType(
            ResponseStatusException.class, () -> admin.requestBlockHash(hash.toHexString()).block());

    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(e.getReason()).contains("no block carrying").contains(hash.toHexString());
    assertThat(store.find(new JobKey(hash, "mock"))).isEmpty();
  }

  @Test
  void aPreCancunHeaderWithoutParentBeaconBlockRootIs422() {
    el.serve(synthetic("{\"hash\":\"" + root('7') + "\",\"number\":\"0x7\",\"timestamp\":\"0x10\"}"));

    final ResponseStatusException e =
        catchThrowableOfType(
            ResponseStatusException.class, () -> admin.requestBlockNumber(7).block());

    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(e.getReason()).contains("parentBeaconBlockRoot");
  }

  @Test
  void aMalformedHeaderIs502() {
    el.serve(
        synthetic(
            "{\"hash\":\"" + root('8') + "\",\"number\":\"0x8\",\"timestamp\":\"0xzz\"}"));

    final ResponseStatusException e =
        catchThrowableOfType(
            ResponseStatusException.class, () -> admin.requestBlockNumber(8).block());

    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(e.getReason()).contains("MALFORMED_RESPONSE").contains("timestamp");
  }

  @Test
  void anUnreachableExecutionClientOrBeaconNodeIs502() {
    beaconNode.close();
    assertThat(status(() -> admin.requestBlockHash(hash.toHexString()).block()))
        .as("beacon node down")
        .isEqualTo(HttpStatus.BAD_GATEWAY);
    el.close();
    assertThat(status(() -> admin.requestBlockNumber(number).block()))
        .as("execution client down")
        .isEqualTo(HttpStatus.BAD_GATEWAY);
  }

  @Test
  void aNumberRangeQueuesWhatResolvesAndCountsTheRest() {
    carryPayload();

    assertThat(admin.requestBlockRange(number - 2, number + 1).block())
        .isEqualTo(Map.of("queued", 1, "requeued", 0, "unresolved", 3));
    assertThat(status(() -> admin.requestBlockRange(0, AdminProofController.MAX_RANGE).block()))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(status(() -> admin.requestBlockRange(5, 4).block()))
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void aRangeStopsWith502WhenTheBeaconNodeIsDown() {
    beaconNode.close();
    assertThat(status(() -> admin.requestBlockRange(number, number + 1).block()))
        .isEqualTo(HttpStatus.BAD_GATEWAY);
  }

  /** The beacon node learns the block that carried the fixture's payload. */
  private void carryPayload() {
    beaconNode.addBlockSilently(
        new ScriptedBeaconNode.Block(BEACON_ROOT, SLOT, parentBeaconRoot, hash.toHexString(), number));
  }

  private static FixtureBlock synthetic(final String blockJson) {
    return FixtureBlock.of(JSON.readTree(blockJson), null, JSON.readTree("{}"));
  }

  private AdminProofController controller(final URI beaconUrl) {
    return controller(beaconUrl, -1);
  }

  private AdminProofController controller(final URI beaconUrl, final long genesisTime) {
    final WatchProperties watch =
        new WatchProperties(
            WatchProperties.Source.BEACON,
            beaconUrl,
            Duration.ofSeconds(2),
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            64,
            1 << 20,
            32,
            Duration.ofSeconds(1),
            genesisTime,
            12,
            Duration.ofSeconds(60),
            false);
    final ExecutionWitnessClient executionClient =
        ExecutionWitnessClient.create(
            ExecutionClientSettings.defaults(el.url()),
            clock,
            RetryScheduler.of(timer),
            executor);
    return new AdminProofController(
        new BeaconBlocksClient(HttpClient.newHttpClient(), JSON, watch),
        executionClient,
        watch,
        store,
        pools,
        clock);
  }

  private static HttpStatus status(final Runnable call) {
    return (HttpStatus)
        catchThrowableOfType(ResponseStatusException.class, call::run).getStatusCode();
  }

  private static String root(final char digit) {
    return "0x" + String.valueOf(digit).repeat(64);
  }
}
