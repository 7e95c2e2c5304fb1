package io.zkstateless.prover.proving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/** Which failures of a job-table step are retried, and when retrying stops. */
class StoreRetryTest {

  private static final Executor DIRECT = Runnable::run;

  private final AtomicInteger outages = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final StoreRetry retry =
      new StoreRetry(DIRECT, Clock.systemUTC(), stopping::get, outages::incrementAndGet);

  @Test
  void retriesADatabaseOutageUntilTheStepSucceeds() throws Exception {
    final AtomicInteger calls = new AtomicInteger();
    final CompletableFuture<Boolean> result = new CompletableFuture<>();
    retry.run("a step", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new DataAccessResourceFailureException("connection refused");
      }
      return true;
    }, result::complete, Instant.now().plusSeconds(60), result::completeExceptionally);

    assertThat(result.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(calls).hasValue(3);
    assertThat(outages).hasValue(2);
  }

  @Test
  void doesNotRetryAnErrorThatIsNotAnOutage() throws Exception {
    final AtomicInteger calls = new AtomicInteger();
    final CompletableFuture<RuntimeException> gaveUp = new CompletableFuture<>();
    retry.run("a step", () -> {
      calls.incrementAndGet();
      throw new DataIntegrityViolationException("constraint");
    }, value -> { }, Instant.now().plusSeconds(60), gaveUp::complete);

    assertThat(gaveUp.get(10, TimeUnit.SECONDS)).isInstanceOf(DataIntegrityViolationException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void givesUpBeforeTheDeadlineAndWhenStopping() throws Exception {
    final CompletableFuture<RuntimeException> pastDeadline = new CompletableFuture<>();
    retry.run("a step", StoreRetryTest::outage, value -> { },
        Instant.now().plus(StoreRetry.FIRST_BACKOFF.dividedBy(2)), pastDeadline::complete);
    assertThat(pastDeadline.get(10, TimeUnit.SECONDS)).isInstanceOf(DataAccessResourceFailureException.class);

    stopping.set(true);
    final CompletableFuture<RuntimeException> stopped = new CompletableFuture<>();
    retry.run("a step", StoreRetryTest::outage, value -> { }, Instant.now().plus(Duration.ofMinutes(5)),
        stopped::complete);
    assertThat(stopped.get(10, TimeUnit.SECONDS)).isInstanceOf(DataAccessResourceFailureException.class);
  }

  @Test
  void anErrorOfTheFollowUpIsNotRetried() throws Exception {
    final AtomicInteger calls = new AtomicInteger();
    final CompletableFuture<RuntimeException> gaveUp = new CompletableFuture<>();
    retry.run("a step", calls::incrementAndGet, value -> {
      throw new IllegalStateException("follow-up failed");
    }, Instant.now().plusSeconds(60), gaveUp::complete);

    assertThat(gaveUp.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
  }

  private static Boolean outage() {
    throw new DataAccessResourceFailureException("connection refused");
  }
}
