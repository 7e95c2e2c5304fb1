package io.zkstateless.prover.proving;

import static io.zkstateless.prover.jobs.JobDatabase.block;
import static io.zkstateless.prover.proving.ScriptedWorker.Outcome.FAIL;
import static io.zkstateless.prover.proving.ScriptedWorker.Outcome.HANG;
import static io.zkstateless.prover.proving.ScriptedWorker.Outcome.PROVE;
import static io.zkstateless.prover.proving.ScriptedWorker.Outcome.REFUSE;
import static io.zkstateless.prover.proving.ScriptedWorker.Outcome.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.kafka.ExecutionProofDeserializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.prover.config.ProofJobProperties;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.FinalizedSlot;
import io.zkstateless.prover.jobs.JobDatabase;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.JobState;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.jobs.TestClock;
import io.zkstateless.prover.publish.ProofEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on a real PostgreSQL with scripted workers and a recording sink; the database
 * clock is a test clock, ticks are driven by the test, worker outcomes complete on the test thread.
 */
class ProvingDispatcherTest {

  private static final String MOCK = "mock";
  private final TestClock clock = new TestClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingSink sink = new RecordingSink();
  private final FinalizedSlot finalized = new FinalizedSlot();
  private final List<ProvingDispatcher> started = new ArrayList<>();
  private JobDatabase db;
  private ProofJobStore store;

  @BeforeEach
  void database() {
    db = new JobDatabase();
    store = db.store();
  }

  @AfterEach
  void stop() {
    started.forEach(ProvingDispatcher::stop);
    db.close();
  }

  @Test
  void publishesOneValidMockProofPerJobNewestFirst() {
    final ProvingDispatcher dispatcher =
        dispatcher(jobs(3, Duration.ofSeconds(5)), 5, worker(PROVE));
    enqueue(1, 2, 3);
    dispatcher.tick();
    dispatcher.tick();
    dispatcher.tick();
    assertThat(sink.sent).hasSize(3);
    assertThat(sink.sent.stream().map(s -> s.job().block().blockNumber()))
        .containsExactly(3L, 2L, 1L);
    for (final RecordingSink.Sent sent : sink.sent) {
      final ExecutionProof proof =
          new ExecutionProofDeserializer().deserialize("execution-proofs", sent.record());
      assertThat(proof.blockHash()).isEqualTo(sent.job().block().blockHash());
      assertThat(proof.subnetId().value()).isEqualTo(7);
      assertThat(proof.version()).isEqualTo(1);
      assertThat(proof.timestamp()).isEqualTo(clock.instant().getEpochSecond());
      assertThat(MockProofScheme.check(proof.blockHash(), 7, proof.proofData().toArray()))
          .isEmpty();
      assertThat(state(sent.job().block().blockNumber())).isEqualTo(JobState.PROVED);
    }
    dispatcher.tick();
    assertThat(sink.sent).hasSize(3);
    assertThat(registry.get("prover.prove").tag("proof_type", MOCK).timer().count()).isEqualTo(3);
    assertThat(registry.get("prover.proof").tag("proof_type", MOCK).summary().totalAmount())
        .isEqualTo(300);
    assertThat(registry.get("prover.jobs").tag("state", "proved").gauge().value()).isEqualTo(3);
  }

  @Test
  void aFailedAttemptIsRetriedAfterTheBackoffThenSucceeds() {
    final ScriptedWorker worker = worker(FAIL, PROVE);
    final ProvingDispatcher dispatcher = dispatcher(jobs(3, Duration.ofSeconds(5)), 5, worker);
    enqueue(10);
    dispatcher.tick();
    assertThat(state(10)).isEqualTo(JobState.QUEUED);
    assertThat(store.find(key(10)).orElseThrow().lastError()).contains("scripted failure 0");
    dispatcher.tick();
    assertThat(worker.calls()).as("backoff of 1 s not yet passed").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    dispatcher.tick();
    assertThat(state(10)).isEqualTo(JobState.PROVED);
    assertThat(sink.sent).hasSize(1);
    assertThat(registry.get("prover.failures").tag("reason", "worker_error").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("prover.prove")
                .tags("outcome", "failed", "worker", worker.id())
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("prover.prove").tag("outcome", "proved").timer().count())
        .isEqualTo(1);
  }

  @Test
  void theLastFailedAttemptMarksTheJobFailed() {
    final ProvingDispatcher dispatcher =
        dispatcher(jobs(2, Duration.ofSeconds(5)), 5, worker(FAIL));
    enqueue(20);
    dispatcher.tick();
    clock.advance(Duration.ofSeconds(1));
    dispatcher.tick();
    assertThat(state(20)).isEqualTo(JobState.FAILED);
    assertThat(sink.sent).isEmpty();
  }

  @Test
  void aDependencyOutageLongerThanAllAttemptsDoesNotFailTheJob() {
    // Regression (docs/reliability.md): an execution client cut for 30 s made jobs end failed
    // after 3 attempts of "circuit open", and their blocks were never proven.
    final ScriptedWorker worker = worker(UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, PROVE);
    final ProvingDispatcher dispatcher = dispatcher(jobs(2, Duration.ofSeconds(5)), 2, worker);
    final WorkerSlot slot = dispatcher.pools().getFirst().slots().getFirst();
    enqueue(22);
    for (int tick = 0; tick < 5; tick++) {
      dispatcher.tick();
      assertThat(state(22)).isIn(JobState.QUEUED, JobState.PROVED);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(worker.calls()).isEqualTo(5);
    assertThat(state(22)).isEqualTo(JobState.PROVED);
    assertThat(slot.breakerState()).as("an input outage is not the worker's fault").isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(sink.sent).hasSize(1);
    assertThat(registry.get("prover.failures").tag("reason", "witness_transport_error").counter().count())
        .isEqualTo(4);
  }

  @Test
  void aFailureOfTheJobItselfEndsItAtOnceAndIsNotHeldAgainstTheWorker() {
    final ScriptedWorker worker = worker(REFUSE, PROVE);
    final ProvingDispatcher dispatcher = dispatcher(jobs(3, Duration.ofSeconds(5)), 1, worker);
    final WorkerSlot slot = dispatcher.pools().getFirst().slots().getFirst();
    enqueue(25);
    dispatcher.tick();
    clock.advance(Duration.ofSeconds(1));
    dispatcher.tick();
    assertThat(state(25)).isEqualTo(JobState.FAILED);
    assertThat(store.find(key(25)).orElseThrow().lastError()).startsWith("input_unbuildable");
    assertThat(worker.calls()).isEqualTo(1);
    assertThat(slot.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void anAttemptThatOutlivesTheJobTimeoutIsRetried() {
    final ScriptedWorker worker = worker(HANG, PROVE);
    final ProvingDispatcher dispatcher = dispatcher(jobs(3, Duration.ofMillis(100)), 5, worker);
    enqueue(30);
    dispatcher.tick();
    await().atMost(Duration.ofSeconds(5)).until(() -> state(30) == JobState.QUEUED);
    assertThat(store.find(key(30)).orElseThrow().lastError()).startsWith("timeout");
    assertThat(worker.started.getFirst()).isCompletedExceptionally();
    clock.advance(Duration.ofSeconds(1));
    dispatcher.tick();
    assertThat(state(30)).isEqualTo(JobState.PROVED);
  }

  @Test
  void eachWorkerHoldsAtMostOneJob() {
    final ScriptedWorker a = worker(HANG);
    final ScriptedWorker b = worker(HANG);
    final ProvingDispatcher dispatcher = dispatcher(jobs(3, Duration.ofMinutes(1)), 3, a, b);
    enqueue(40, 41, 42);
    dispatcher.tick();
    dispatcher.tick();
    assertThat(a.calls()).isEqualTo(1);
    assertThat(b.calls()).isEqualTo(1);
    assertThat(dispatcher.inFlight()).isEqualTo(2);
    assertThat(state(40)).isEqualTo(JobState.QUEUED);
    assertThat(registry.get("prover.queue.depth").tag("proof_type", MOCK).gauge().value())
        .isEqualTo(1);
  }

  @Test
  void theCircuitBreakerOpensAfterRepeatedFailuresAndATrialJobClosesIt() {
    final ScriptedWorker worker = worker(FAIL, FAIL, PROVE);
    final ProvingDispatcher dispatcher = dispatcher(jobs(10, Duration.ofSeconds(5)), 2, worker);
    final WorkerSlot slot = dispatcher.pools().getFirst().slots().getFirst();
    final WorkersHealthIndicator health = new WorkersHealthIndicator(dispatcher.pools());
    enqueue(50);
    dispatcher.tick();
    clock.advance(Duration.ofSeconds(1));
    dispatcher.tick();
    assertThat(slot.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(health.health(false).getStatus().getCode()).isEqualTo("DOWN");
    clock.advance(Duration.ofSeconds(10));
    dispatcher.tick();
    assertThat(worker.calls()).as("no job for an open breaker").isEqualTo(2);
    assertThat(state(50)).isEqualTo(JobState.QUEUED);
    clock.advance(Duration.ofSeconds(21));
    dispatcher.tick();
    assertThat(worker.calls()).isEqualTo(3);
    assertThat(state(50)).isEqualTo(JobState.PROVED);
    assertThat(slot.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(health.health(false).getStatus().getCode()).isEqualTo("UP");
  }

  @Test
  void oldJobsAndJobsBehindFinalizationAreDroppedUnproved() {
    final ProvingDispatcher dispatcher =
        dispatcher(jobs(3, Duration.ofSeconds(5)), 5, worker(HANG));
    enqueue(60);
    clock.advance(Duration.ofMinutes(11));
    enqueue(61, 62);
    finalized.advanceTo(block(61).slot());
    dispatcher.tick();
    assertThat(state(60)).isEqualTo(JobState.DROPPED);
    assertThat(state(61)).isEqualTo(JobState.DROPPED);
    assertThat(state(62)).isEqualTo(JobState.PROVING);
    assertThat(registry.get("prover.jobs.dropped").tag("reason", "too_old").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("prover.jobs.dropped").tag("reason", "finalized").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aRefusedSendIsRetriedFromTheStoredRecordWithoutProvingAgain() {
    final ScriptedWorker worker = worker(PROVE);
    final ProvingDispatcher dispatcher = dispatcher(jobs(3, Duration.ofSeconds(5)), 5, worker);
    sink.refuse = true;
    enqueue(70);
    dispatcher.tick();
    assertThat(state(70)).isEqualTo(JobState.PUBLISHING);
    sink.refuse = false;
    dispatcher.tick();
    assertThat(sink.sent).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    dispatcher.tick();
    assertThat(sink.sent).hasSize(1);
    assertThat(state(70)).isEqualTo(JobState.PROVED);
    assertThat(worker.calls()).isEqualTo(1);
  }

  @Test
  void stoppingReturnsAttemptsInProgressToTheQueueUncounted() {
    final ProvingDispatcher dispatcher =
        dispatcher(jobs(3, Duration.ofMinutes(1)), 5, worker(HANG));
    enqueue(80);
    dispatcher.tick();
    assertThat(state(80)).isEqualTo(JobState.PROVING);
    started.remove(dispatcher);
    dispatcher.stop();
    assertThat(state(80)).isEqualTo(JobState.QUEUED);
    assertThat(store.find(key(80)).orElseThrow().attempts()).isZero();
  }

  @Test
  void finishedJobsAreDeletedAfterTheRetention() {
    final ProvingDispatcher dispatcher =
        dispatcher(jobs(3, Duration.ofSeconds(5)), 5, worker(PROVE));
    enqueue(90);
    dispatcher.tick();
    assertThat(state(90)).isEqualTo(JobState.PROVED);
    clock.advance(Duration.ofDays(6));
    dispatcher.tick();
    assertThat(store.find(key(90))).isPresent();
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    dispatcher.tick();
    assertThat(store.find(key(90))).isEmpty();
  }

  @Test
  void aReplicaThatLostItsLeaseToATakeoverPublishesNothing() {
    final ScriptedWorker stuck = worker(HANG);
    final ProvingDispatcher zombie = dispatcher(jobs(3, Duration.ofMinutes(1)), 5, stuck);
    enqueue(95);
    zombie.tick();
    assertThat(state(95)).isEqualTo(JobState.PROVING);

    clock.advance(Duration.ofMinutes(2));
    final ProvingDispatcher survivor = replica("replica-b", worker(PROVE));
    survivor.tick();
    await().until(() -> state(95) == JobState.PROVED);
    assertThat(store.find(key(95)).orElseThrow().attempts()).isEqualTo(2);

    // The first replica's worker finally answers: its fenced updates fail, nothing is sent.
    stuck.started.getFirst().complete(new byte[] {1, 2, 3});
    assertThat(sink.sent).hasSize(1);
    assertThat(sink.sent.getFirst().job().leaseOwner()).isEqualTo("replica-b");
    assertThat(registry.get("prover.failures").tag("reason", "lease_lost").counter().count())
        .isEqualTo(1);
  }

  @Test
  void twoReplicasOnOneDatabaseProveAndPublishEachJobOnce() {
    final int jobs = 200;
    for (long n = 1; n <= jobs; n++) {
      enqueue(n);
    }
    final long start = System.nanoTime();
    final ProvingDispatcher a = replica("replica-a", worker(PROVE), worker(PROVE), worker(PROVE));
    final ProvingDispatcher b = replica("replica-b", worker(PROVE), worker(PROVE), worker(PROVE));
    await().atMost(Duration.ofSeconds(60)).until(() -> sink.sent.size() >= jobs);
    final long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(sink.sent.stream().map(s -> s.job().key()).distinct().count()).isEqualTo(jobs);
    assertThat(sink.sent).hasSize(jobs);
    assertThat(sink.sent.stream().map(s -> s.job().leaseOwner()).distinct())
        .containsExactlyInAnyOrder("replica-a", "replica-b");
    System.out.printf("two replicas, 3 instant workers each: %d jobs in %d ms%n", jobs, millis);
    a.stop();
    b.stop();
  }

  private ProvingDispatcher replica(final String proverId, final ScriptedWorker... workers) {
    final ProofJobProperties config =
        new ProofJobProperties(
            proverId,
            10_000,
            Duration.ofMinutes(10),
            true,
            Duration.ofSeconds(5),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofSeconds(7),
            Duration.ofMillis(10),
            Duration.ofDays(7));
    return dispatcher(config, 5, workers);
  }

  private ProvingDispatcher dispatcher(
      final ProofJobProperties jobs, final int breakerThreshold, final ScriptedWorker... workers) {
    final ProofTypeRegistry registry = ProofTypeRegistry.defaults();
    final List<WorkerSlot> slots = new ArrayList<>();
    for (final ScriptedWorker worker : workers) {
      slots.add(
          new WorkerSlot(
              worker,
              new WorkerProperties.Breaker(breakerThreshold, Duration.ofSeconds(30)),
              clock));
    }
    final WorkerPool pool = new WorkerPool(registry.byName(MOCK), slots);
    final ProvingDispatcher dispatcher =
        new ProvingDispatcher(
            db.store(),
            List.of(pool),
            new ProofEncoder(ExecutionProofSchema.DEFAULT, clock),
            sink,
            jobs,
            finalized,
            new ProverMetrics(this.registry, List.of(MOCK)),
            clock,
            Runnable::run);
    dispatcher.start();
    started.add(dispatcher);
    return dispatcher;
  }

  private static ProofJobProperties jobs(final int maxAttempts, final Duration jobTimeout) {
    return new ProofJobProperties(
        "prover-test",
        256,
        Duration.ofMinutes(10),
        true,
        jobTimeout,
        maxAttempts,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        jobTimeout.plusSeconds(2),
        Duration.ofHours(1),
        Duration.ofDays(7));
  }

  private static ScriptedWorker worker(final ScriptedWorker.Outcome... script) {
    return new ScriptedWorker("w" + System.nanoTime(), script);
  }

  private void enqueue(final long... numbers) {
    for (final long n : numbers) {
      store.enqueue(block(n), List.of(MOCK), clock.instant());
    }
  }

  private static JobKey key(final long n) {
    return new JobKey(block(n).blockHash(), MOCK);
  }

  private JobState state(final long n) {
    return store.find(key(n)).orElseThrow().state();
  }
}
