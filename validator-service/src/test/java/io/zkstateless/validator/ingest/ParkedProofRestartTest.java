package io.zkstateless.validator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.store.BlockStore;
import io.zkstateless.validator.store.ParkedProof;
import io.zkstateless.validator.store.ParkedProofStore;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.store.StoredProof;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * A gossip proof that arrives before its block is kept in {@code parked_proof} and survives a
 * crash: the "crashed" pipeline and proven view are abandoned without any shutdown (nothing of
 * theirs runs again, as after {@code kill -9}), new ones are built on the same real PostgreSQL
 * database, as a restarted process builds them, and the proof is stored exactly once when its
 * block becomes known.
 */
class ParkedProofRestartTest {

  private static final int MOCK = 7;
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final ProofSource PEER = new ProofSource(ProofSource.Kind.GOSSIP, "peer-a");

  private final MutableClock clock = new MutableClock(NOW);
  private final List<ExecutorService> executors = new ArrayList<>();
  private ProvenViewFixture db;
  private ParkedProofStore parked;
  private ProofStore proofs;
  private ProvenChainService chain;
  private ProofIngestionPipeline pipeline;

  @BeforeEach
  void startFirstProcess() throws Exception {
    db = new ProvenViewFixture();
    parked = new ParkedProofStore(db.jdbc);
    proofs = new ProofStore(db.jdbc);
    chain = db.service(ProvenChainListener.NOOP, clock);
    pipeline = pipeline(chain, config(16));
    chain.anchor(block(0));
    chain.recordBlock(block(1));
    chain.updateHead(root(1));
  }

  @AfterEach
  void tearDown() {
    executors.forEach(ExecutorService::shutdownNow);
    db.close();
  }

  @Test
  void aGossipProofParkedBeforeACrashIsStoredOnceWhenItsBlockArrivesAfterTheRestart() throws Exception {
    assertThat(ingest(pipeline, mock(2)).reason()).isEqualTo("block_unknown");
    assertThat(parked.count()).isEqualTo(1);

    restart();
    assertThat(pipeline.restoreParked()).isEqualTo(1);
    assertThat(chain.restore()).isTrue();
    assertThat(pipeline.pendingProofs()).as("its block is still unknown").isEqualTo(1);
    chain.recordBlock(block(2));

    await().until(() -> proofs.typesFor(payload(2)).contains(MOCK));
    await().until(() -> parked.count() == 0);
    assertThat(proofs.proofsFor(payload(2))).singleElement()
        .extracting(StoredProof::source, StoredProof::receivedAt).containsExactly("gossip", NOW);
    assertThat(pipeline.pendingProofs()).isZero();
    assertThat(chain.status(payload(2)).orElseThrow().proven()).isTrue();
  }

  /** The block was stored before the crash, the replay had not run: the view's restore replays it. */
  @Test
  void aProofWhoseBlockIsInTheRestoredViewIsReplayedWhicheverIsRestoredFirst() throws Exception {
    assertThat(ingest(pipeline, mock(2)).reason()).isEqualTo("block_unknown");
    assertThat(ingest(pipeline, mock(3)).reason()).isEqualTo("block_unknown");
    new BlockStore(db.jdbc).save(block(2));
    new BlockStore(db.jdbc).save(block(3));

    restart();
    // Proof 2: the proven view first (the follower was quick), then the park.
    assertThat(chain.restore()).isTrue();
    assertThat(pipeline.restoreParked()).isEqualTo(2);

    await().until(() -> proofs.typesFor(payload(2)).contains(MOCK) && proofs.typesFor(payload(3)).contains(MOCK));
    await().until(() -> parked.count() == 0);

    // And the usual order: the park at start-up, the view when the follower connects.
    assertThat(ingest(pipeline, mock(4)).reason()).isEqualTo("block_unknown");
    new BlockStore(db.jdbc).save(block(4));
    chain.updateHead(root(3));
    restart();
    assertThat(pipeline.restoreParked()).isEqualTo(1);
    assertThat(chain.restore()).isTrue();
    await().until(() -> proofs.typesFor(payload(4)).contains(MOCK));
    await().until(() -> parked.count() == 0);
    assertThat(proofs.count()).isEqualTo(3);
  }

  @Test
  void aProofRejectedOnReplayLosesItsRowAndItsSenderIsCounted() {
    final ExecutionProof forOtherBlock = proof(payload(2), MockProofScheme.create(payload(3), MOCK, 512));
    assertThat(ingest(pipeline, forOtherBlock).reason()).isEqualTo("block_unknown");
    assertThat(parked.count()).isEqualTo(1);

    chain.recordBlock(block(2));

    await().until(() -> parked.count() == 0);
    assertThat(proofs.count()).isZero();
    await().until(() -> counter("validator_proofs_total", "reason", "invalid_proof") == 1);
  }

  @Test
  void rowsOlderThanTheMaximumWaitAreNotRestored() {
    assertThat(ingest(pipeline, mock(2)).reason()).isEqualTo("block_unknown");
    clock.advance(Duration.ofMinutes(6));

    restart();
    assertThat(pipeline.restoreParked()).isZero();
    assertThat(parked.count()).isZero();
    assertThat(counter("validator_parked_proofs_restored_total", "outcome", "expired")).isEqualTo(1);
  }

  @Test
  void aProofEvictedFromTheParkLosesItsRowSoTheTableKeepsTheParkBounds() {
    restart(config(2));
    for (int n = 2; n <= 5; n++) {
      assertThat(ingest(pipeline, mock(n)).reason()).isEqualTo("block_unknown");
    }
    assertThat(pipeline.pendingProofs()).isEqualTo(2);
    assertThat(parked.newest(10, 1L << 30)).extracting(ParkedProof::blockHash).containsExactly(payload(4), payload(5));
    assertThat(counter("validator_pending_proofs_dropped_total", "reason", "too_many")).isEqualTo(2);
  }

  @Test
  void theParkAndItsTableAreBoundedInBytesToo() {
    restart(new IngestProperties(Map.of("mock", "mock"), 16, Duration.ofMinutes(5), Duration.ofSeconds(60),
        Duration.ofDays(7), 1, 3, 100, DataSize.ofMegabytes(5), null));
    final int size = 2 * 1024 * 1024;
    for (int n = 2; n <= 4; n++) {
      final ExecutionProof big = proof(payload(n), MockProofScheme.create(payload(n), MOCK, size));
      assertThat(ingest(pipeline, big).reason()).isEqualTo("block_unknown");
    }
    assertThat(pipeline.pendingProofs()).isEqualTo(2);
    assertThat(parked.newest(10, 1L << 30)).extracting(ParkedProof::blockHash).containsExactly(payload(3), payload(4));
    assertThat(parked.bytes()).isLessThanOrEqualTo(DataSize.ofMegabytes(5).toBytes());
    assertThat(counter("validator_pending_proofs_dropped_total", "reason", "too_many_bytes")).isEqualTo(1);
  }

  /** Restarted with a smaller park (configuration changed): the newest rows are kept. */
  @Test
  void aRestoreTakesTheNewestRowsThatFitTheParkAndDeletesTheRest() {
    for (int n = 2; n <= 4; n++) {
      assertThat(ingest(pipeline, mock(n)).reason()).isEqualTo("block_unknown");
    }
    restart(config(2));
    assertThat(pipeline.restoreParked()).isEqualTo(2);
    assertThat(parked.newest(10, 1L << 30)).extracting(ParkedProof::blockHash).containsExactly(payload(3), payload(4));
    assertThat(counter("validator_parked_proofs_restored_total", "outcome", "no_room")).isEqualTo(1);
  }

  /** Rows are outside input once their writer is gone: what no longer fits the configuration goes. */
  @Test
  void rowsThatNoLongerDecodeOrHaveNoVerifierAreDeletedAtStartUp() {
    final byte[] data = MockProofScheme.create(payload(2), MOCK, 64);
    parked.save(new ParkedProof(0, payload(2), 0, 1, NOW.getEpochSecond(), data, "gossip", "p", NOW), 16, 1 << 20);
    parked.save(new ParkedProof(0, payload(2), MOCK, 1, NOW.getEpochSecond(), data, "pigeon", "p", NOW), 16, 1 << 20);
    parked.save(new ParkedProof(0, payload(2), MOCK, 1, NOW.getEpochSecond(), data, "gossip", "p", NOW), 16, 1 << 20);

    restart();
    assertThat(pipeline.restoreParked()).isEqualTo(1);
    assertThat(parked.count()).isEqualTo(1);
    assertThat(counter("validator_parked_proofs_restored_total", "outcome", "invalid")).isEqualTo(2);
  }

  @Test
  void aProofBeyondTheWriteBudgetWaitsInMemoryOnly() {
    restart(new IngestProperties(Map.of("mock", "mock"), 16, Duration.ofMinutes(5), Duration.ofSeconds(60),
        Duration.ofDays(7), 1, 3, 100, null, DataSize.ofBytes(0)));
    assertThat(ingest(pipeline, mock(2)).reason()).isEqualTo("block_unknown");
    assertThat(pipeline.pendingProofs()).isEqualTo(1);
    assertThat(parked.count()).isZero();
    assertThat(counter("validator_parked_proofs_writes_total", "outcome", "over_budget")).isEqualTo(1);
  }

  /** As the service runs it: gossip parks are written on a writer thread, not the caller's. */
  @Test
  void onTheWriterThreadAGossipProofIsWrittenAfterItsAnswerAndDeletedAfterItsReplay() {
    final ExecutorService thread = Executors.newSingleThreadExecutor();
    executors.add(thread);
    writer = thread;
    restart();
    assertThat(ingest(pipeline, mock(2)).reason()).isEqualTo("block_unknown");
    await().until(() -> parked.count() == 1);

    restart();
    assertThat(pipeline.restoreParked()).isEqualTo(1);
    assertThat(chain.restore()).isTrue();
    chain.recordBlock(block(2));
    await().until(() -> proofs.typesFor(payload(2)).contains(MOCK));
    await().until(() -> parked.count() == 0);
  }

  /** A Kafka record waiting for its block is kept by its uncommitted offset: nothing is written. */
  @Test
  void aKafkaRecordStillWaitingForItsBlockIsNotWritten() throws Exception {
    final CompletableFuture<IngestResult> answer =
        pipeline.ingestAsync(mock(2), ProofSource.kafka(0), OptionalInt.empty()).toCompletableFuture();
    assertThat(answer).isNotDone();
    assertThat(parked.count()).isZero();

    chain.recordBlock(block(2));
    assertThat(answer.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPT);
    assertThat(parked.count()).isZero();
  }

  /** Once its wait runs out its offset is committed: the park writes it then, unless it is gone. */
  @Test
  void aKafkaRecordWhoseWaitRanOutIsWrittenIfItStillWaits() {
    final ProofPark park = new ProofPark(parked, config(16), new IngestMetrics(new SimpleMeterRegistry()), clock, Runnable::run);
    final PendingProofs.Pending waiting = new PendingProofs.Pending(mock(2), ProofSource.kafka(0), NOW, true);
    park.park(waiting);
    assertThat(parked.count()).isZero();

    park.makeDurable(waiting);
    assertThat(parked.count()).isEqualTo(1);
    assertThat(park.take(payload(2))).containsExactly(waiting);
    park.resolved(waiting);
    assertThat(parked.count()).isZero();

    // Replayed before its wait ran out: nothing to keep.
    park.makeDurable(waiting);
    assertThat(parked.count()).isZero();
  }

  /** Everything of the old process is abandoned (nothing shut down) and built again on the same database. */
  private void restart() {
    restart(config(16));
  }

  private void restart(final IngestProperties config) {
    chain = db.service(ProvenChainListener.NOOP, clock);
    pipeline = pipeline(chain, config);
  }

  private ProofIngestionPipeline pipeline(final ProvenChainService service, final IngestProperties config) {
    final ExecutorService replays = Executors.newSingleThreadExecutor();
    executors.add(replays);
    final ProofTypeRegistry types = ProofTypeRegistry.defaults();
    return new ProofIngestionPipeline(service, types, IngestConfiguration.verifiers(types, config), config,
        new IngestMetrics(registry), clock, replays, parked, writer);
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  /** Where the park writes: in place, so tests read the table right after a proof is answered. */
  private Executor writer = Runnable::run;

  private double counter(final String name, final String tag, final String value) {
    return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static IngestProperties config(final int maxProofs) {
    return new IngestProperties(
        Map.of("mock", "mock"), maxProofs, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
  }

  private static IngestResult ingest(final ProofIngestionPipeline target, final ExecutionProof proof) {
    return target.ingest(proof, PEER, OptionalInt.of(proof.subnetId().value()));
  }

  private static Bytes32 root(final int n) {
    return Bytes32.fromHex("0x" + "a" + "0".repeat(61) + String.format("%02x", n));
  }

  private static Bytes32 payload(final int n) {
    return Bytes32.fromHex("0x" + "e" + "0".repeat(61) + String.format("%02x", n));
  }

  private static BeaconBlock block(final int n) {
    return new BeaconBlock(root(n), n, n == 0 ? Bytes32.ZERO : root(n - 1), payload(n), n, Instant.EPOCH);
  }

  private static ExecutionProof proof(final Bytes32 blockHash, final byte[] data) {
    return new ExecutionProof(blockHash, ExecutionProofSubnetId.of(MOCK), 1, ImmutableBytes.of(data), NOW.getEpochSecond());
  }

  private static ExecutionProof mock(final int block) {
    return proof(payload(block), MockProofScheme.create(payload(block), MOCK, 1024));
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(final Instant now) {
      this.now = now;
    }

    void advance(final Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }
  }
}
