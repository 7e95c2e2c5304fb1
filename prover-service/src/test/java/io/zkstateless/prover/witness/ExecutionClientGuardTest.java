package io.zkstateless.prover.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionClientGuardTest {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void neverRunsMoreThanMaxConcurrencyCallsAtOnce() throws Exception {
    final ExecutionClientGuard guard =
        new ExecutionClientGuard(2, CircuitBreaker.ofDefaults("test"), executor);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<CompletableFuture<Integer>> calls = new ArrayList<>();

    for (int i = 0; i < 6; i++) {
      calls.add(
          guard.call(
              "m",
              Duration.ofSeconds(10),
              () -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                await(release);
                inFlight.decrementAndGet();
                return 1;
              }));
    }
    Thread.sleep(200); // give the six virtual threads time to pile up on the permits
    assertThat(inFlight.get()).isEqualTo(2);
    release.countDown();

    assertThat(
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS))
        .isNull();
    assertThat(maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void aCallThatCannotGetAPermitInTimeFailsAsBusy() {
    final ExecutionClientGuard guard =
        new ExecutionClientGuard(1, CircuitBreaker.ofDefaults("test"), executor);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch holding = new CountDownLatch(1);
    final CompletableFuture<Integer> holder =
        guard.call(
            "m",
            Duration.ofSeconds(10),
            () -> {
              holding.countDown();
              return await(release);
            });
    await(holding);

    final CompletableFuture<Integer> starved =
        guard.call("debug_executionWitness", Duration.ofMillis(50), () -> 1);

    assertThatThrownBy(starved::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ExecutionClientException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.BUSY))
        .hasMessageContaining("debug_executionWitness waited PT0.05S");
    release.countDown();
    assertThat(holder.join()).isEqualTo(1);
  }

  private static int await(final CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
      return 1;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
