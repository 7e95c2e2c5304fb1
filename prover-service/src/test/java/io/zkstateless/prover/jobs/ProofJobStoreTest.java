package io.zkstateless.prover.jobs;

import static io.zkstateless.prover.jobs.JobDatabase.block;
import static io.zkstateless.prover.jobs.JobDatabase.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.prover.KnownExecutionRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job table's transitions on a real PostgreSQL: idempotent intake, leases, fencing, drops. */
class ProofJobStoreTest {

  private static final Duration LEASE = Duration.ofMinutes(1);
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final String type = "sp1";
  private JobDatabase db;
  private ProofJobStore store;

  @BeforeEach
  void database() {
    db = new JobDatabase();
    store = db.store();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void enqueueIsIdempotentPerBlockAndProofType() {
    assertThat(store.enqueue(block(1), List.of(type, type + "b"), now)).isEqualTo(2);
    assertThat(store.enqueue(block(1), List.of(type, type + "b"), now)).isZero();
    assertThat(store.knowsBeaconBlock(block(1).beaconBlockRoot())).isTrue();
    assertThat(store.find(new JobKey(block(1).blockHash(), type)).orElseThrow().state())
        .isEqualTo(JobState.QUEUED);
  }

  @Test
  void executionRequestsSurviveTheTableAndUnknownStaysUnknown() {
    final BlockRef withRequests =
        new BlockRef(
            hash('e', 30), 30, 1030, hash('r', 30), 0, Optional.of(KnownExecutionRequests.value()));
    store.enqueue(withRequests, List.of(type), now);
    store.enqueue(block(31), List.of(type), now);

    final ProofJob newest = store.claim(type, "a", now, LEASE).orElseThrow();
    final ProofJob older = store.claim(type, "a", now, LEASE).orElseThrow();

    assertThat(newest.block().executionRequests()).isEmpty();
    assertThat(older.block()).isEqualTo(withRequests);
    assertThat(older.block().executionRequests().orElseThrow().deposits()).hasSize(1);
  }

  @Test
  void anOperatorsRequestAddsRequestsAJobLacked() {
    store.enqueue(block(32), List.of(type), now);
    final ProofJob job = store.claim(type, "a", now, LEASE).orElseThrow();
    store.fail(job.key(), "a", "execution_requests_unavailable: none", now);
    final BlockRef seenOnBeacon =
        new BlockRef(
            hash('e', 32), 32, 1032, hash('r', 32), 0, Optional.of(KnownExecutionRequests.value()));

    assertThat(store.enqueue(seenOnBeacon, List.of(type), now, true)).isEqualTo(1);

    assertThat(store.claim(type, "a", now, LEASE).orElseThrow().block().executionRequests())
        .contains(KnownExecutionRequests.value());
  }

  @Test
  void claimsNewestBlockFirstAndCountsAttempts() {
    for (long n = 10; n <= 12; n++) {
      store.enqueue(block(n), List.of(type), now);
    }
    final ProofJob first = store.claim(type, "a", now, LEASE).orElseThrow();
    assertThat(first.block().blockNumber()).isEqualTo(12);
    assertThat(first.state()).isEqualTo(JobState.PROVING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.leaseOwner()).isEqualTo("a");
    assertThat(store.claim(type, "a", now, LEASE).orElseThrow().block().blockNumber())
        .isEqualTo(11);
  }

  @Test
  void fullLifecycleIsFencedOnTheLeaseOwner() {
    store.enqueue(block(20), List.of(type), now);
    final ProofJob job = store.claim(type, "a", now, LEASE).orElseThrow();
    assertThat(store.recordProof(job.key(), "b", new byte[] {1}, Duration.ofSeconds(1))).isFalse();
    assertThat(store.recordProof(job.key(), "a", new byte[] {1}, Duration.ofSeconds(1))).isTrue();
    assertThat(store.markProved(job.key(), "b", now)).isFalse();
    assertThat(store.markProved(job.key(), "a", now)).isTrue();
    assertThat(store.find(job.key()).orElseThrow().state()).isEqualTo(JobState.PROVED);
    // Proved is terminal: neither the watcher nor a claim brings it back.
    assertThat(store.enqueue(block(20), List.of(type), now)).isZero();
    assertThat(store.claim(type, "a", now.plus(LEASE.multipliedBy(2)), LEASE)).isEmpty();
  }

  @Test
  void anExpiredProvingLeaseIsTakenOverButALiveOneIsNot() {
    store.enqueue(block(30), List.of(type), now);
    final ProofJob job = store.claim(type, "a", now, LEASE).orElseThrow();
    assertThat(store.claim(type, "b", now.plus(LEASE).minusSeconds(1), LEASE)).isEmpty();
    final ProofJob taken =
        store.claim(type, "b", now.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
    assertThat(taken.key()).isEqualTo(job.key());
    assertThat(taken.attempts()).isEqualTo(2);
    // The replica that lost its lease can no longer move the job.
    assertThat(store.recordProof(job.key(), "a", new byte[] {1}, Duration.ZERO)).isFalse();
    assertThat(store.retryLater(job.key(), "a", "late", now)).isFalse();
  }

  @Test
  void anUnpublishedProofIsResentWithTheSameBytesAfterTheLeaseRunsOut() {
    store.enqueue(block(40), List.of(type), now);
    final ProofJob job = store.claim(type, "a", now, LEASE).orElseThrow();
    store.recordProof(job.key(), "a", new byte[] {7, 8, 9}, Duration.ofSeconds(2));
    assertThat(store.claimUnpublished("b", now, LEASE)).isEmpty();
    final ProofJobStore.PendingPublication pending =
        store.claimUnpublished("b", now.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
    assertThat(pending.record()).containsExactly(7, 8, 9);
    assertThat(pending.job().key()).isEqualTo(job.key());
    assertThat(store.markProved(job.key(), "a", now)).isFalse();
    assertThat(store.markProved(job.key(), "b", now)).isTrue();
  }

  @Test
  void releaseOwnRequeuesProvingAndExposesPublishingJobsAtOnce() {
    store.enqueue(block(50), List.of(type), now);
    store.enqueue(block(51), List.of(type), now);
    final ProofJob publishing = store.claim(type, "a", now, LEASE).orElseThrow();
    store.recordProof(publishing.key(), "a", new byte[] {1}, Duration.ZERO);
    final ProofJob proving = store.claim(type, "a", now, LEASE).orElseThrow();

    assertThat(store.releaseOwn("a", now)).isEqualTo(2);
    final ProofJob requeued = store.find(proving.key()).orElseThrow();
    assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
    assertThat(requeued.attempts()).isZero();
    assertThat(store.claimUnpublished("a", now, LEASE)).isPresent();
  }

  @Test
  void retriesWaitForTheBackoffAndTheLastAttemptFails() {
    store.enqueue(block(60), List.of(type), now);
    final ProofJob job = store.claim(type, "a", now, LEASE).orElseThrow();
    store.retryLater(job.key(), "a", "worker_error: boom", now.plusSeconds(5));
    assertThat(store.claim(type, "a", now.plusSeconds(4), LEASE)).isEmpty();
    final ProofJob again = store.claim(type, "a", now.plusSeconds(5), LEASE).orElseThrow();
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.lastError()).isEqualTo("worker_error: boom");
    assertThat(store.fail(again.key(), "a", "timeout: too slow", now)).isTrue();
    assertThat(store.find(job.key()).orElseThrow().state()).isEqualTo(JobState.FAILED);
    assertThat(store.requeue(job.key(), now)).isTrue();
    assertThat(store.claim(type, "a", now, LEASE).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void dropsOldJobsJobsBehindFinalizationAndJobsBeyondTheQueueBound() {
    store.enqueue(block(70), List.of(type), now.minusSeconds(600));
    store.enqueue(block(71), List.of(type), now);
    store.enqueue(block(72), List.of(type), now);
    store.enqueue(block(73), List.of(type), now);
    store.enqueue(block(74), List.of(type), now);
    store.enqueue(block(75), List.of(type), now, true);
    assertThat(store.dropQueuedBefore(now.minusSeconds(60), now)).isEqualTo(1);
    assertThat(state(70)).isEqualTo(JobState.DROPPED);
    // Slots are number + 1000: 71 is behind a finalized slot of 1071; 75 is pinned anyway.
    assertThat(store.dropQueuedAtOrBelowSlot(1071, now)).isEqualTo(1);
    assertThat(state(71)).isEqualTo(JobState.DROPPED);
    // The bound keeps the newest unpinned job (74); pinned ones do not count against it.
    assertThat(store.dropBeyondCapacity(type, 1, now)).isEqualTo(2);
    assertThat(state(72)).isEqualTo(JobState.DROPPED);
    assertThat(state(73)).isEqualTo(JobState.DROPPED);
    assertThat(state(74)).isEqualTo(JobState.QUEUED);
    assertThat(state(75)).isEqualTo(JobState.QUEUED);
    assertThat(store.find(key(70)).orElseThrow().lastError())
        .isEqualTo("older than the maximum block age");
    assertThat(store.queuedByProofType()).containsEntry(type, 2L);
    // An operator's request brings a dropped block back.
    assertThat(store.enqueue(block(70), List.of(type), now, true)).isEqualTo(1);
    assertThat(state(70)).isEqualTo(JobState.QUEUED);
  }

  @Test
  void twoClaimersOnOneDatabaseNeverClaimTheSameJob() throws Exception {
    final int jobs = 200;
    for (long n = 1000; n < 1000 + jobs; n++) {
      store.enqueue(block(n), List.of(type), now);
    }
    final ProofJobStore replicaA = db.store();
    final ProofJobStore replicaB = db.store();
    final List<JobKey> claimedA = Collections.synchronizedList(new ArrayList<>());
    final List<JobKey> claimedB = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch go = new CountDownLatch(1);
    final ExecutorService threads = Executors.newFixedThreadPool(4);
    final List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      final boolean a = t % 2 == 0;
      runs.add(
          threads.submit(
              () -> {
                go.await();
                while (true) {
                  final Optional<ProofJob> job =
                      (a ? replicaA : replicaB).claim(type, a ? "a" : "b", now, LEASE);
                  if (job.isEmpty()) {
                    return null;
                  }
                  (a ? claimedA : claimedB).add(job.get().key());
                }
              }));
    }
    go.countDown();
    for (final Future<?> run : runs) {
      run.get();
    }
    threads.shutdown();
    final Set<JobKey> all = new HashSet<>(claimedA);
    all.addAll(claimedB);
    assertThat(claimedA.size() + claimedB.size()).isEqualTo(jobs);
    assertThat(all).hasSize(jobs);
    assertThat(claimedA).isNotEmpty();
    assertThat(claimedB).isNotEmpty();
  }

  private JobKey key(final long n) {
    return new JobKey(block(n).blockHash(), type);
  }

  private JobState state(final long n) {
    return store.find(key(n)).orElseThrow().state();
  }
}
