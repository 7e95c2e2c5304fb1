package io.zkstateless.prover.proving;

import static io.zkstateless.prover.jobs.JobDatabase.block;
import static io.zkstateless.prover.proving.ScriptedWorker.Outcome.PROVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.prover.api.AdminJobsController;
import io.zkstateless.prover.config.ProofJobProperties;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.JobDatabase;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.jobs.TestClock;
import io.zkstateless.prover.publish.ProofEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The admin operations on a real dispatcher and job table (PostgreSQL), scripted workers. */
class AdminJobsControllerTest {

  private static final String MOCK = "mock";
  private final TestClock clock = new TestClock();
  private final RecordingSink sink = new RecordingSink();
  private JobDatabase db;
  private ProofJobStore store;
  private ProvingDispatcher dispatcher;
  private AdminJobsController admin;

  @BeforeEach
  void start() {
    db = new JobDatabase();
    store = db.store();
    final WorkerPool pool =
        new WorkerPool(
            ProofTypeRegistry.defaults().byName(MOCK),
            List.of(
                new WorkerSlot(
                    new ScriptedWorker("mock-0", PROVE, PROVE, PROVE),
                    new WorkerProperties.Breaker(3, Duration.ofSeconds(30)),
                    clock)));
    dispatcher =
        new ProvingDispatcher(
            store,
            List.of(pool),
            new ProofEncoder(ExecutionProofSchema.DEFAULT, clock),
            sink,
            new ProofJobProperties(
                "prover-test",
                256,
                Duration.ofMinutes(10),
                true,
                Duration.ofSeconds(5),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(7),
                Duration.ofHours(1),
                Duration.ofDays(7)),
            new FinalizedSlot(),
            new ProverMetrics(new SimpleMeterRegistry(), List.of(MOCK)),
            clock,
            Runnable::run);
    admin = new AdminJobsController(store, dispatcher, clock);
  }

  @AfterEach
  void stop() {
    dispatcher.stop();
    db.close();
  }

  @Test
  void pausedDispatchingLeavesJobsQueuedUntilResumed() {
    dispatcher.start();
    assertThat(admin.pause()).containsEntry("paused", true);
    enqueue(1, 2, 3);

    dispatcher.tick();

    assertThat(sink.sent).isEmpty();
    assertThat(admin.jobs("queued", 10).block())
        .extracting(job -> job.get("blockNumber"))
        .containsExactly(3L, 2L, 1L);
    assertThat(admin.resume()).containsEntry("paused", false);
    dispatcher.tick();
    assertThat(sink.sent).isNotEmpty();
  }

  @Test
  void cancelDropsAQueuedJobAndRetryBringsItBackPinned() {
    dispatcher.start();
    admin.pause();
    enqueue(5);
    final String hash = block(5).blockHash().toHexString();

    assertThat(admin.cancel(hash, MOCK).block()).containsEntry("cancelled", true);
    assertThat(admin.job(hash, MOCK).block())
        .containsEntry("state", "dropped")
        .containsEntry("lastError", "cancelled by an operator")
        .containsEntry("pinned", false);
    assertThat(status(() -> admin.cancel(hash, MOCK).block())).isEqualTo(HttpStatus.CONFLICT);

    assertThat(admin.retry(hash, MOCK).block()).containsEntry("requeued", true);
    admin.resume();
    dispatcher.tick();

    final Map<String, Object> detail = admin.job(hash, MOCK).block();
    assertThat(detail)
        .containsEntry("state", "proved")
        .containsEntry("pinned", true)
        .containsEntry("attempts", 1)
        .containsEntry("executionRequestsKnown", false);
    assertThat((String) detail.get("startedAt")).isNotEmpty();
    assertThat((String) detail.get("provedAt")).isNotEmpty();
    assertThat((Long) detail.get("proveMillis")).isNotNegative();
    assertThat(status(() -> admin.retry(hash, MOCK).block())).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void workersShowTheirBreakerAndUnknownInputIsABadRequest() {
    assertThat(admin.workers())
        .singleElement()
        .satisfies(
            worker ->
                assertThat(worker)
                    .containsEntry("id", "mock-0")
                    .containsEntry("proofType", MOCK)
                    .containsEntry("busy", false)
                    .containsEntry("breaker", "CLOSED")
                    .containsEntry("healthy", true));
    assertThat(status(() -> admin.jobs("finished", 10))).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(status(() -> admin.jobs("queued", 0))).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(status(() -> admin.job("0x12", MOCK))).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(status(() -> admin.job("0x" + "00".repeat(32), MOCK).block()))
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void enqueue(final long... numbers) {
    for (final long n : numbers) {
      store.enqueue(block(n), List.of(MOCK), clock.instant());
    }
  }

  private static HttpStatus status(final Runnable call) {
    return (HttpStatus)
        catchThrowableOfType(ResponseStatusException.class, call::run).getStatusCode();
  }
}
