package io.zkstateless.prover.witness;

import static io.zkstateless.prover.witness.ExecutionWitnessClientTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.el.Fault;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #9, hostile execution client: the prover's client against a real HTTP server that answers
 * garbage, JSON of the wrong shape, truncated bodies, answers far beyond any bound and slow-loris
 * answers (bytes keep arriving, slowly). Each must fail fast with its {@link FailureReason}, be
 * counted, leave the heap where it was and the circuit breaker closed (only transport failures
 * count against it), and the same client must then fetch a healthy block's witness.
 */
class HostileExecutionClientTest {

  private static final Logger LOG = LoggerFactory.getLogger(HostileExecutionClientTest.class);
  private static final String WITNESS = "debug_executionWitness";
  private static final String BLOCK = "hoodi-51632";

  private FixtureExecutionClient el;
  private ScheduledExecutorService timer;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

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

  @Test
  void hostileAnswersFailWithTheirReasonsAndAHealthyBlockStillFetches() {
    el.serve(RecordedBlocks.block(BLOCK));
    final Bytes32 hash = RecordedBlocks.hash(BLOCK);
    // Answers of the wrong shape must be judged by their content, so their client's deadlines are
    // far from what a loaded machine needs to read them (1 s turned a 1 GiB answer into TIMEOUT at
    // load 45); the slow-loris calls go through a client with 1 s deadlines.
    final ExecutionWitnessClient client = client(Duration.ofSeconds(15));
    final ExecutionWitnessClient deadlineClient = client(Duration.ofSeconds(1));
    final long heapBefore = usedHeapAfterGc();

    el.enqueue(WITNESS, new Fault.Garbage("\u0000\u0000\u0000{\"jsonrpc\":\"2.0\"}"));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE);
    el.enqueue(WITNESS, new Fault.Garbage("{\"jsonrpc\":\"2.0\",\"result\":{\"state\":7}}"));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("state must be an array");
    el.enqueue(WITNESS, new Fault.Garbage("{\"jsonrpc\":\"2.0\",\"result\":[]}"));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("witness must be a JSON object");
    el.enqueue(WITNESS, new Fault.TruncatedJson(5_000));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE);
    el.enqueue(WITNESS, new Fault.TruncatedHttp(5_000));
    assertFailure(client.fetchWitness(hash), FailureReason.TRANSPORT_ERROR);
    // A 1 GiB answer of the wrong type is refused at its first token, not read (huge witnesses of
    // the right shape stop at WitnessLimits: ExecutionWitnessClientTest).
    el.enqueue(WITNESS, new Fault.HugeResult(1L << 30));
    assertFailure(client.fetchWitness(hash), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("witness must be a JSON object");

    el.enqueue("eth_getBlockByHash", new Fault.Garbage("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[1,2]}"));
    assertFailure(client.fetchBlock(hash), FailureReason.MALFORMED_RESPONSE);
    el.enqueue("eth_getBlockByHash", new Fault.Garbage("<html>502</html>"));
    assertFailure(client.fetchBlock(hash), FailureReason.MALFORMED_RESPONSE);
    // Web3j reads small answers whole: 1 GiB of hex must stop at the response size limit.
    el.enqueue("debug_getRawBlock", new Fault.HugeResult(1L << 30));
    assertFailure(client.fetchRawBlock(hash), FailureReason.MALFORMED_RESPONSE)
        .hasMessageContaining("exceeds the limit of " + ResponseSizeLimit.DEFAULT_MAX_BYTES);

    // Slow-loris: 64 bytes every 50 ms never ends a witness; only the call deadline does.
    final long slowStart = System.nanoTime();
    el.enqueue(WITNESS, new Fault.SlowLoris(Duration.ofMillis(50), 64));
    assertFailure(deadlineClient.fetchWitness(hash), FailureReason.TIMEOUT);
    el.enqueue("eth_getBlockByHash", new Fault.SlowLoris(Duration.ofMillis(50), 16));
    assertFailure(deadlineClient.fetchBlock(hash), FailureReason.TIMEOUT);
    final long slowMillis = (System.nanoTime() - slowStart) / 1_000_000;

    final ExecutionWitness witness = client.fetchWitness(hash).orTimeout(30, TimeUnit.SECONDS).join();
    assertThat(witness.state().size()).isPositive();
    assertThat(client.fetchBlock(hash).orTimeout(30, TimeUnit.SECONDS).join().getHash())
        .isEqualTo(hash.toHexString());
    final long heapAfter = usedHeapAfterGc();

    assertThat(outcome(FailureReason.MALFORMED_RESPONSE)).isEqualTo(5);
    assertThat(outcome(FailureReason.TRANSPORT_ERROR)).isEqualTo(1);
    assertThat(outcome(FailureReason.TIMEOUT)).isEqualTo(1);
    assertThat(deadlineClient.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(registry.get("prover.witness.fetch").tag("outcome", "success").timer().count()).isEqualTo(1);
    assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    // Two slow-loris calls with 1 s deadlines: ended by the deadlines, since the dribble never ends
    // (the bound is loose for loaded machines; without deadlines the calls would run forever).
    assertThat(slowMillis).isLessThan(60_000);
    assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L << 20);
    LOG.info("Hostile EL: two slow-loris calls ended after {} ms in all (1 s deadlines); heap after GC {} -> {} MiB",
        slowMillis, heapBefore >> 20, heapAfter >> 20);
  }

  private ExecutionWitnessClient client(final Duration deadline) {
    return ExecutionWitnessClient.create(
        ExecutionClientSettings.defaults(el.url())
            .withTimeouts(deadline, deadline, deadline.multipliedBy(2), Duration.ofMillis(50)),
        Clock.systemUTC(),
        RetryScheduler.of(timer),
        Executors.newVirtualThreadPerTaskExecutor(),
        new WitnessFetchMetrics(registry));
  }

  private double outcome(final FailureReason reason) {
    return registry.get("prover.witness.fetch")
        .tag("outcome", reason.name().toLowerCase(Locale.ROOT)).timer().count();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
