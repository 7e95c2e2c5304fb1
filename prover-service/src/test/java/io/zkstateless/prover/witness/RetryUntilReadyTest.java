package io.zkstateless.prover.witness;

import io.zkstateless.prover.jobs.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry loop with a hand-moved clock and scheduler: no sleeping. */
class RetryUntilReadyTest {

  private final TestClock clock = new TestClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final RetryUntilReady retry =
      new RetryUntilReady(
          clock,
          scheduler,
          NotReadyClassifier.defaults(),
          Duration.ofMillis(200),
          Duration.ofSeconds(1));
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void gethStyleNotFoundMessageIsRetriedUntilTheDeadline() {
    final CompletableFuture<String> result =
        retry.run(
            "witness", () -> failWith(new JsonRpcErrorException("m", -32000, "block not found")));

    scheduler.runAll();

    assertThat(attempts.get()).isEqualTo(6); // at 0, 0.2, ..., 1.0 s
    assertThat(result).isCompletedExceptionally();
    assertThat(result.exceptionNow())
        .isInstanceOfSatisfying(
            ExecutionClientException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.WITNESS_TIMEOUT))
        .hasMessageContaining("witness not ready after PT1S (6 attempts)");
  }

  @Test
  void besuBlockNotFoundAndNullResultsAreRetried() {
    final CompletableFuture<String> result =
        retry.run(
            "block",
            () ->
                switch (attempts.incrementAndGet()) {
                  case 1 ->
                      CompletableFuture.failedFuture(
                          new JsonRpcErrorException("m", -39001, "Block not found"));
                  case 2 ->
                      CompletableFuture.failedFuture(
                          new ExecutionClientException(FailureReason.NOT_FOUND, "null"));
                  default -> CompletableFuture.completedFuture("ok");
                });

    scheduler.runAll();

    assertThat(result).isCompletedWithValue("ok");
  }

  @Test
  void methodNotFoundIsNotMistakenForABlockNotFound() {
    final CompletableFuture<String> result =
        retry.run(
            "witness", () -> failWith(new JsonRpcErrorException("m", -32601, "Method not found")));

    assertThat(scheduler.pending()).isZero();
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(result.exceptionNow()).isInstanceOf(JsonRpcErrorException.class);
  }

  @Test
  void cancellingStopsPolling() {
    final CompletableFuture<String> result =
        retry.run(
            "witness", () -> failWith(new JsonRpcErrorException("m", -32001, "block not found")));

    result.cancel(false);
    scheduler.runAll();

    assertThat(attempts.get()).isEqualTo(1);
  }

  private CompletableFuture<String> failWith(final Throwable failure) {
    attempts.incrementAndGet();
    return CompletableFuture.failedFuture(failure);
  }
}
