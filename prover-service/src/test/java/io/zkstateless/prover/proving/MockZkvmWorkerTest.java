package io.zkstateless.prover.proving;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.jobs.JobDatabase;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockZkvmWorkerTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void makesProofsTheMockVerifierAcceptsOfTheConfiguredSize() throws Exception {
    final MockZkvmWorker worker =
        worker(WorkerProperties.Timing.CONSTANT, Duration.ZERO, Duration.ZERO, 4096, 0.0);
    final BlockRef block = JobDatabase.block(5);
    final byte[] proof = worker.prove(request(block, "sp1")).get(5, TimeUnit.SECONDS);
    assertThat(proof).hasSize(4096);
    assertThat(MockProofScheme.check(block.blockHash(), 1, proof)).isEmpty();
    assertThat(MockProofScheme.check(block.blockHash(), 7, proof)).isPresent();
    assertThat(MockProofScheme.check(Bytes32.ZERO, 1, proof)).isPresent();
  }

  @Test
  void failsTheConfiguredShareOfAttempts() throws Exception {
    final MockZkvmWorker always =
        worker(WorkerProperties.Timing.CONSTANT, Duration.ZERO, Duration.ZERO, 100, 1.0);
    try {
      always.prove(request(JobDatabase.block(1), "mock")).get(5, TimeUnit.SECONDS);
    } catch (final ExecutionException e) {
      assertThat(e.getCause())
          .isInstanceOf(ProvingException.class)
          .hasMessageContaining("injected");
    }
    final MockZkvmWorker quarter =
        worker(WorkerProperties.Timing.CONSTANT, Duration.ZERO, Duration.ZERO, 100, 0.25);
    int failed = 0;
    for (int i = 0; i < 400; i++) {
      failed +=
          quarter
              .prove(request(JobDatabase.block(i), "mock"))
              .handle((p, e) -> e == null ? 0 : 1)
              .get();
    }
    assertThat(failed).isBetween(60, 140);
  }

  @Test
  void provingTimeFollowsTheTimingMode() {
    final BlockRef block = JobDatabase.block(1); // 15 M gas
    assertThat(
            worker(WorkerProperties.Timing.CONSTANT, Duration.ofSeconds(2), Duration.ZERO, 100, 0)
                .provingTime(request(block, "mock")))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(
            worker(WorkerProperties.Timing.PER_GAS, Duration.ofSeconds(1), Duration.ZERO, 100, 0)
                .provingTime(request(block, "mock")))
        .isEqualTo(Duration.ofMillis(1000 + 15 * 100));
    final MockZkvmWorker random =
        worker(
            WorkerProperties.Timing.RANDOM, Duration.ofSeconds(1), Duration.ofSeconds(3), 100, 0);
    for (int i = 0; i < 100; i++) {
      assertThat(random.provingTime(request(block, "mock")))
          .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
  }

  private MockZkvmWorker worker(
      final WorkerProperties.Timing timing,
      final Duration time,
      final Duration max,
      final int size,
      final double failureRate) {
    return new MockZkvmWorker(
        "mock-0",
        new WorkerProperties.Mock(timing, time, max, Duration.ofMillis(100), size, failureRate, 42),
        scheduler);
  }

  private static ProofRequest request(final BlockRef block, final String type) {
    return new ProofRequest(block, ProofTypeRegistry.defaults().byName(type), 1);
  }
}
