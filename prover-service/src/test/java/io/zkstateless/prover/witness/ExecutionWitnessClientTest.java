package io.zkstateless.prover.witness;

import io.zkstateless.prover.jobs.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.Fault;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.el.SyntheticWitness;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.protocol.core.methods.response.EthBlock;
import tools.jackson.databind.JsonNode;

/** The witness client against a real HTTP JSON-RPC server serving recorded fixtures. */
class ExecutionWitnessClientTest {

  private static final String WITNESS = "debug_executionWitness";

  private FixtureExecutionClient el;
  private ScheduledExecutorService timer;

  @BeforeEach
  void start() {
    el = FixtureExecutionClient.start();
    timer = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    el.close();
    timer.shutdownNow();
  }

  static Stream<String> recorded() {
    return Fixtures.WITNESSES.stream();
  }

  @ParameterizedTest
  @MethodSource("recorded")
  void fetchesEveryRecordedWitnessByHash(final String name) {
    el.serve(RecordedBlocks.block(name));
    final JsonNode counts = RecordedBlocks.fixture(name).path("expected").path("counts");

    final ExecutionWitness witness =
        join(realTimeClient(settings()).fetchWitness(RecordedBlocks.hash(name)));

    assertThat(witness.state().size()).isEqualTo(counts.path("state_nodes").asInt());
    assertThat(witness.codes().size()).isEqualTo(counts.path("codes").asInt());
    assertThat(witness.keys().orElseThrow().size()).isEqualTo(counts.path("keys").asInt());
    final JsonNode request = el.requests().getLast();
    assertThat(request.path("method").asString()).isEqualTo(WITNESS);
    assertThat(request.path("params").size()).isEqualTo(1);
    assertThat(request.path("params").get(0).asString())
        .isEqualTo(RecordedBlocks.block(name).hash());
  }

  @Test
  void usesTheByBlockHashMethodWhenConfigured() {
    el.serve(RecordedBlocks.block("hoodi-51632"));

    join(
        realTimeClient(settings().withWitnessMethod(WitnessMethod.EXECUTION_WITNESS_BY_BLOCK_HASH))
            .fetchWitness(RecordedBlocks.hash("hoodi-51632")));

    assertThat(el.calls("debug_executionWitnessByBlockHash")).isEqualTo(1);
    assertThat(el.calls(WITNESS)).isZero();
  }

  @Test
  void acceptsGethAndEestShapesOverHttp() {
    final JsonNode fixture = RecordedBlocks.fixture("hoodi-958035");
    // Synthesized from a real Besu witness: no real geth response exists (see GethWitnessShape).
    el.serve(
        FixtureBlock.of(
            fixture.path("block"), null, GethWitnessShape.fromRlpWitness(fixture.path("witness"))));
    final JsonNode eestBlock =
        Fixtures.eestFixture("witness_codes_nested_calls").path("blocks").get(0);
    el.serve(
        FixtureBlock.of(eestBlock.path("blockHeader"), null, eestBlock.path("executionWitness")));
    final ExecutionWitnessClient client = realTimeClient(settings());

    final ExecutionWitness geth = join(client.fetchWitness(RecordedBlocks.hash("hoodi-958035")));
    final ExecutionWitness eest =
        join(
            client.fetchWitness(
                Bytes32.fromHex(eestBlock.path("blockHeader").path("hash").asString())));

    assertThat(geth.headerForm()).isEqualTo(HeaderForm.GETH_JSON_OBJECT);
    assertThat(geth.keys()).isEmpty();
    assertThat(geth.headers().get(0))
        .isEqualTo(Hex.decode(fixture.path("witness").path("headers").get(0).asString()));
    assertThat(eest.keys()).isEmpty();
    assertThat(eest.state().size())
        .isEqualTo(eestBlock.path("executionWitness").path("state").size());
  }

  @Test
  void retriesWhileNotReadyThenSucceedsWithoutSleeping() {
    el.serve(RecordedBlocks.block("hoodi-51632")).notReadyFor(WITNESS, 3);
    final TestClock clock = new TestClock();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ExecutionWitnessClient client =
        ExecutionWitnessClient.create(
            settings(), clock, scheduler, Runnable::run, new WitnessFetchMetrics(registry));

    final CompletableFuture<ExecutionWitness> witness =
        client.fetchWitness(RecordedBlocks.hash("hoodi-51632"));
    assertThat(witness).isNotDone();
    assertThat(scheduler.runAll()).isEqualTo(3);

    assertThat(witness).isCompleted();
    assertThat(el.calls(WITNESS)).isEqualTo(4);
    assertThat(scheduler.requestedDelays()).containsOnly(Duration.ofMillis(200));
    final Timer successes = registry.get("prover.witness.fetch").tag("outcome", "success").timer();
    assertThat(successes.count()).isEqualTo(1);
    assertThat(successes.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(600);
    assertThat(registry.get("prover.witness.bytes").summary().totalAmount())
        .isEqualTo(witness.join().totalBytes());
  }

  @Test
  void failsWithWitnessTimeoutWhenNeverReady() {
    el.failAlways(WITNESS, Fault.notReady());
    final TestClock clock = new TestClock();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ExecutionWitnessClient client =
        ExecutionWitnessClient.create(
            settings(), clock, scheduler, Runnable::run, new WitnessFetchMetrics(registry));

    final CompletableFuture<ExecutionWitness> witness = client.fetchWitness(Bytes32.ZERO);
    scheduler.runAll();

    // 12 s at 200 ms: attempts at 0, 0.2, ..., 12.0 s.
    assertThat(el.calls(WITNESS)).isEqualTo(61);
    assertFailure(witness, FailureReason.WITNESS_TIMEOUT)
        .hasMessageContaining(
            "witness of block " + Bytes32.ZERO + " not ready after PT12S (61 attempts)")
        .hasMessageContaining("-32001: block not found");
    assertThat(
            registry
                .get("prover.witness.fetch")
                .tag("outcome", "witness_timeout")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void failsFastOnErrorsThatWillNotGoAway() {
    el.enqueue(
        WITNESS,
        new Fault.RpcError(
            -32601, "the method debug_executionWitness does not exist/is not available"));
    assertFailure(realTimeClient(settings()).fetchWitness(Bytes32.ZERO), FailureReason.RPC_ERROR)
        .hasMessageContaining("-32601");

    el.enqueue(WITNESS, new Fault.RpcError(4444, "Pruned history unavailable"));
    assertFailure(realTimeClient(settings()).fetchWitness(Bytes32.ZERO), FailureReason.RPC_ERROR)
        .hasMessageContaining("4444: Pruned history unavailable");
    assertThat(el.calls(WITNESS)).isEqualTo(2);
  }

  @Test
  void perCallTimeoutEndsASlowWitnessCall() {
    el.serve(RecordedBlocks.block("hoodi-51632"))
        .enqueue(WITNESS, new Fault.Delay(Duration.ofSeconds(3)));
    final ExecutionClientSettings fast =
        settings()
            .withTimeouts(
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                Duration.ofMillis(50));

    assertFailure(
            realTimeClient(fast).fetchWitness(RecordedBlocks.hash("hoodi-51632")),
            FailureReason.TIMEOUT)
        .hasMessageContaining("did not complete within PT0.3S");
  }

  @Test
  void garbageAndTruncatedBodiesAreClearErrors() {
    el.serve(RecordedBlocks.block("hoodi-51632"));
    final Bytes32 hash = RecordedBlocks.hash("hoodi-51632");
    final ExecutionWitnessClient client = realTimeClient(settings());

    el.enqueue(WITNESS, new Fault.Garbage("<html><body>502 Bad Gateway</body></html>"));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE)
        .hasRootCauseInstanceOf(tools.jackson.core.exc.StreamReadException.class)
        .cause()
        .isInstanceOf(WitnessFormatException.class);

    el.enqueue(WITNESS, new Fault.TruncatedJson(100_000));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("not valid JSON");

    el.enqueue(WITNESS, new Fault.TruncatedHttp(100_000));
    assertFailure(client.fetchWitness(hash), FailureReason.TRANSPORT_ERROR);

    el.enqueue(WITNESS, new Fault.HttpStatus(503));
    assertFailure(client.fetchWitness(hash), FailureReason.TRANSPORT_ERROR)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void hugeWitnessesStopAtTheLimitInsteadOfFillingTheHeap() {
    final Bytes32 manyNodes = Bytes32.fromHex("0x" + "11".repeat(32));
    final Bytes32 oneHugeNode = Bytes32.fromHex("0x" + "22".repeat(32));
    el.serve(
        FixtureBlock.streamed(manyNodes.toHexString(), 1, SyntheticWitness.ofSize(64L << 20, 512)));
    el.serve(
        FixtureBlock.streamed(
            oneHugeNode.toHexString(), 2, SyntheticWitness.singleNode(256L << 20)));
    final WitnessLimits limits =
        new WitnessLimits(8L << 20, 1 << 22, 1 << 18, 1 << 22, 256, 1024, 1 << 16, 1 << 13);
    final ExecutionWitnessClient client = realTimeClient(settings().withLimits(limits));

    assertFailure(client.fetchWitness(manyNodes), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("witness exceeds the limit of 8388608 bytes while reading state");
    assertFailure(client.fetchWitness(oneHugeNode), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("exceeds a size limit");
  }

  @Test
  void fetchesBlockRawBlockAndChainConfigThroughWeb3j() {
    el.serve(RecordedBlocks.block("mainnet-24341035"))
        .enqueue("eth_getBlockByHash", new Fault.NullResult());
    final JsonNode fixture = RecordedBlocks.fixture("mainnet-24341035");
    final ExecutionWitnessClient client = realTimeClient(settings());
    final Bytes32 hash = RecordedBlocks.hash("mainnet-24341035");

    final EthBlock.Block block = join(client.fetchBlock(hash));
    final byte[] raw = join(client.fetchRawBlock(hash));
    final JsonNode config = join(client.fetchChainConfig());

    assertThat(block.getHash()).isEqualTo(hash.toHexString());
    assertThat(block.getStateRoot()).isEqualTo(fixture.path("block").path("stateRoot").asString());
    assertThat(el.calls("eth_getBlockByHash")).isEqualTo(2);
    assertThat(raw).isEqualTo(Hex.decode(fixture.path("rawBlock").asString()));
    assertThat(config.path("chainId").asLong()).isEqualTo(560048);
    assertThat(el.requests())
        .anySatisfy(r -> assertThat(r.path("method").asString()).isEqualTo("debug_getRawBlock"));
  }

  private ExecutionClientSettings settings() {
    return ExecutionClientSettings.defaults(el.url());
  }

  private ExecutionWitnessClient realTimeClient(final ExecutionClientSettings settings) {
    return ExecutionWitnessClient.create(
        settings,
        Clock.systemUTC(),
        RetryScheduler.of(timer),
        Executors.newVirtualThreadPerTaskExecutor());
  }

  private static <T> T join(final CompletableFuture<T> future) {
    return future.orTimeout(30, TimeUnit.SECONDS).join();
  }

  static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
      final CompletableFuture<?> future, final FailureReason reason) {
    return assertThatThrownBy(() -> join(future))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ExecutionClientException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
