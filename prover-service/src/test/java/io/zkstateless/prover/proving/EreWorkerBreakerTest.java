package io.zkstateless.prover.proving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.TestClock;
import io.zkstateless.prover.proving.ere.EestElBlock;
import io.zkstateless.prover.proving.ere.EreTestSupport;
import io.zkstateless.prover.proving.ere.EreZkvmWorker;
import io.zkstateless.prover.proving.ere.FakeEreServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker around an ere worker: server faults open it and keep jobs away from the
 * server, refused inputs do not, and a trial job after the open duration closes it again.
 */
class EreWorkerBreakerTest {

  private EreTestSupport env;
  private EestElBlock block;
  private final TestClock clock = new TestClock();

  @BeforeEach
  void start() {
    env = new EreTestSupport();
    block = EestElBlock.load("witness_codes_nested_calls", 0);
    block.serveOn(env.el);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void serverFaultsOpenTheBreakerRefusedInputsDoNotAndATrialClosesIt() {
    final EreZkvmWorker worker = env.worker();
    final WorkerSlot slot =
        new WorkerSlot(worker, new WorkerProperties.Breaker(2, Duration.ofSeconds(30)), clock);
    final WorkersHealthIndicator health =
        new WorkersHealthIndicator(
            List.of(new WorkerPool(ProofTypeRegistry.defaults().byName("sp1"), List.of(slot))));
    env.ere.next(
        "Prove",
        new FakeEreServer.Twirp(400, "invalid_argument", "bad stdin"),
        new FakeEreServer.Twirp(400, "malformed", "bad protobuf"),
        new FakeEreServer.Twirp(500, "internal", "panic"),
        new FakeEreServer.ZkvmError("gpu lost"));

    attempt(slot);
    attempt(slot);
    assertThat(slot.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    attempt(slot);
    attempt(slot);
    assertThat(slot.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(slot.tryReserve()).as("no job for an open breaker").isFalse();
    assertThat(health.health(false).getStatus().getCode()).isEqualTo("DOWN");

    clock.advance(Duration.ofSeconds(31));
    assertThat(attempt(slot)).isTrue();
    assertThat(slot.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(health.health(false).getStatus().getCode()).isEqualTo("UP");
  }

  /** One attempt as the dispatcher runs it: reserve, prove, report. */
  private boolean attempt(final WorkerSlot slot) {
    assertThat(slot.tryReserve()).isTrue();
    try {
      slot.worker().prove(EreTestSupport.request(block)).join();
      slot.finished(true, Duration.ofSeconds(1), null);
      return true;
    } catch (final RuntimeException e) {
      slot.finished(false, Duration.ofSeconds(1), e.getCause());
      return false;
    }
  }
}
