package io.zkstateless.prover.witness;

import io.zkstateless.prover.jobs.TestClock;
import static io.zkstateless.prover.witness.ExecutionWitnessClientTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.zkstateless.common.test.el.Fault;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.config.ExecutionClientHealthIndicator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The breaker around the execution client, driven by a hand-moved clock. */
class CircuitBreakerTest {

  private static final String BLOCK = "eth_getBlockByHash";

  private FixtureExecutionClient el;
  private TestClock clock;
  private ExecutionWitnessClient client;

  @BeforeEach
  void start() {
    el = FixtureExecutionClient.start().serve(RecordedBlocks.block("hoodi-51632"));
    clock = new TestClock();
    final ExecutionClientSettings settings =
        ExecutionClientSettings.defaults(el.url())
            .withBreaker(new ExecutionClientSettings.Breaker(50f, 4, 4, Duration.ofSeconds(30), 1));
    client =
        ExecutionWitnessClient.create(settings, clock, new ManualScheduler(clock), Runnable::run);
  }

  @AfterEach
  void stop() {
    el.close();
  }

  @Test
  void opensAfterTransportFailuresAndRecoversAfterTheOpenDuration() {
    el.failAlways(BLOCK, new Fault.HttpStatus(503));
    for (int i = 0; i < 4; i++) {
      assertFailure(
          client.fetchBlock(RecordedBlocks.hash("hoodi-51632")), FailureReason.TRANSPORT_ERROR);
    }
    assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(new ExecutionClientHealthIndicator(client).health().getStatus())
        .isEqualTo(Status.DOWN);

    assertFailure(client.fetchBlock(RecordedBlocks.hash("hoodi-51632")), FailureReason.CIRCUIT_OPEN)
        .hasMessageContaining("circuit breaker 'execution-client' is open");
    assertThat(el.calls(BLOCK)).as("an open breaker sends nothing").isEqualTo(4);

    el.clearFaults();
    clock.advance(Duration.ofSeconds(31));
    assertThat(client.fetchBlock(RecordedBlocks.hash("hoodi-51632")).join().getHash())
        .isEqualTo(RecordedBlocks.block("hoodi-51632").hash());
    assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(new ExecutionClientHealthIndicator(client).health().getStatus())
        .isEqualTo(Status.UP);
  }

  @Test
  void jsonRpcErrorsDoNotOpenIt() {
    el.failAlways(BLOCK, new Fault.RpcError(-32602, "invalid argument 0"));
    for (int i = 0; i < 8; i++) {
      assertFailure(client.fetchBlock(RecordedBlocks.hash("hoodi-51632")), FailureReason.RPC_ERROR);
    }

    assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
