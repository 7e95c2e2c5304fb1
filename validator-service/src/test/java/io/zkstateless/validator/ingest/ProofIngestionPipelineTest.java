package io.zkstateless.validator.ingest;

import io.zkstateless.validator.verify.VerificationResult;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.store.ProofStore;
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
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every verdict of the pipeline, on a real PostgreSQL. */
class ProofIngestionPipelineTest {

  private static final int MOCK = 7;
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final ProofSource PEER = new ProofSource(ProofSource.Kind.GOSSIP, "peer-a");
  private static final ProofSource OTHER_PEER = new ProofSource(ProofSource.Kind.GOSSIP, "peer-b");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ExecutorService replays = Executors.newSingleThreadExecutor();
  private ProvenChainService chain;
  private ProvenViewFixture view;
  private ProofIngestionPipeline pipeline;

  @BeforeEach
  void setUp() throws Exception {
    view = new ProvenViewFixture();
    chain = view.service(ProvenChainListener.NOOP, clock);
    final IngestProperties config = new IngestProperties(
        Map.of("mock", "mock"), 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
    final ProofTypeRegistry types = ProofTypeRegistry.defaults();
    pipeline = new ProofIngestionPipeline(
        chain, types, IngestConfiguration.verifiers(types, config), config, new IngestMetrics(registry), clock, replays);
    chain.anchor(block(0));
    chain.recordBlock(block(1));
    chain.updateHead(root(1));
  }

  @AfterEach
  void tearDown() {
    replays.shutdownNow();
    view.close();
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

  private static ExecutionProof proof(final Bytes32 blockHash, final int subnet, final long version, final byte[] data, final long timestamp) {
    return new ExecutionProof(blockHash, ExecutionProofSubnetId.of(subnet), version, ImmutableBytes.of(data), timestamp);
  }

  private static ExecutionProof mock(final int block) {
    return proof(payload(block), MOCK, 1, MockProofScheme.create(payload(block), MOCK, 1024), NOW.getEpochSecond());
  }

  private IngestResult ingest(final ExecutionProof proof, final ProofSource source) {
    return pipeline.ingest(proof, source, OptionalInt.of(proof.subnetId().value()));
  }

  @Test
  void whilePausedGossipAndAdminProofsAreIgnoredButKafkaRecordsStillCount() {
    pipeline.setPaused(true);
    assertThat(ingest(mock(1), PEER)).extracting(IngestResult::verdict, IngestResult::reason)
        .containsExactly(Verdict.IGNORE, "paused");
    assertThat(ingest(mock(1), ProofSource.admin()).reason()).isEqualTo("paused");
    assertThat(chain.hasValidProof(payload(1), MOCK)).isFalse();
    // A record of the poll in flight when the container was paused: its offset is committed after
    // the listener returns, so refusing it would lose it.
    assertThat(ingest(mock(1), ProofSource.kafka(0)).verdict()).isEqualTo(Verdict.ACCEPT);
    pipeline.setPaused(false);
    assertThat(ingest(mock(1), PEER).reason()).isEqualTo("duplicate");
  }

  @Test
  void reverificationReportsStoredProofsThatNoLongerVerifyAndKeepsThem() {
    assertThat(ingest(mock(1), PEER).verdict()).isEqualTo(Verdict.ACCEPT);
    final ProofStore store = new ProofStore(view.jdbc);
    final ProofTypeRegistry types = ProofTypeRegistry.defaults();
    final ProofReverifier mockAgain = new ProofReverifier(chain, store,
        new ConfiguredVerifiers(IngestConfiguration.verifiers(types, configWith(Map.of("mock", "mock")))));
    final ProofReverifier.Report ok = mockAgain.reverify(root(1)).orElseThrow();
    assertThat(ok.failed()).isZero();
    assertThat(ok.proofs()).singleElement().extracting(ProofReverifier.Outcome::result).isEqualTo("valid");
    assertThat(mockAgain.reverify(payload(1)).orElseThrow().root()).isEqualTo(root(1).toHexString());
    assertThat(mockAgain.reverify(root(9))).isEmpty();

    // The verifier changed: the stored proof now fails, is reported, and stays stored and counted.
    final ProofVerifier strict = new ProofVerifier() {
      @Override
      public String kind() {
        return "strict";
      }

      @Override
      public VerificationResult verify(final ExecutionProof proof, final BeaconBlock block) {
        return new VerificationResult.Invalid("rejected by the new verifier");
      }
    };
    final ProofReverifier.Report failed =
        new ProofReverifier(chain, store, new ConfiguredVerifiers(Map.of(MOCK, strict))).reverify(root(1)).orElseThrow();
    assertThat(failed.failed()).isEqualTo(1);
    assertThat(failed.proofs()).singleElement()
        .extracting(ProofReverifier.Outcome::verifier, ProofReverifier.Outcome::result, ProofReverifier.Outcome::detail)
        .containsExactly("strict", "invalid", "rejected by the new verifier");
    assertThat(chain.hasValidProof(payload(1), MOCK)).isTrue();
    assertThat(chain.heads().orElseThrow().provenHead().slot()).isEqualTo(1);
    final ProofReverifier.Report none =
        new ProofReverifier(chain, store, new ConfiguredVerifiers(Map.of())).reverify(root(1)).orElseThrow();
    assertThat(none.proofs()).singleElement().extracting(ProofReverifier.Outcome::result).isEqualTo("no_verifier");
  }

  private static IngestProperties configWith(final Map<String, String> verifiers) {
    return new IngestProperties(
        verifiers, 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
  }

  @Test
  void aValidProofIsAcceptedStoredAndProvesTheBlock() {
    assertThat(ingest(mock(1), PEER).verdict()).isEqualTo(Verdict.ACCEPT);
    assertThat(chain.heads().orElseThrow().provenHead().slot()).isEqualTo(1);
    assertThat(ingest(mock(1), OTHER_PEER)).extracting(IngestResult::verdict, IngestResult::reason)
        .containsExactly(Verdict.IGNORE, "duplicate");
    assertThat(registry.get("validator_proofs_total").tags("source", "gossip", "result", "accept").counter().count())
        .isEqualTo(1);
  }

  @Test
  void cheapChecksRejectMalformedProofsBeforeAnyVerification() {
    final byte[] data = MockProofScheme.create(payload(1), MOCK, 100);
    final long now = NOW.getEpochSecond();
    assertThat(ingest(proof(payload(1), MOCK, 2, data, now), PEER).reason()).isEqualTo("unsupported_version");
    assertThat(pipeline.ingest(mock(1), PEER, OptionalInt.of(3)).reason()).isEqualTo("subnet_mismatch");
    assertThat(ingest(proof(payload(1), 5, 1, data, now), OTHER_PEER).reason()).isEqualTo("unknown_proof_type");
    assertThat(ingest(proof(payload(1), MOCK, 1, new byte[0], now), new ProofSource(ProofSource.Kind.GOSSIP, "c")).reason())
        .isEqualTo("empty_proof");
    assertThat(ingest(proof(payload(1), MOCK, 1, data, now + 3600), new ProofSource(ProofSource.Kind.GOSSIP, "d")).reason())
        .isEqualTo("timestamp_in_future");
    assertThat(ingest(proof(payload(1), MOCK, 1, data, now - Duration.ofDays(8).toSeconds()), PEER))
        .extracting(IngestResult::verdict, IngestResult::reason).containsExactly(Verdict.IGNORE, "stale");
    assertThat(registry.find("validator_proof_verification_seconds").timers()).isEmpty();
  }

  @Test
  void aProofThatFailsVerificationIsRejected() {
    final ExecutionProof forOtherBlock =
        proof(payload(1), MOCK, 1, MockProofScheme.create(payload(2), MOCK, 1024), NOW.getEpochSecond());
    final IngestResult result = ingest(forOtherBlock, PEER);
    assertThat(result.verdict()).isEqualTo(Verdict.REJECT);
    assertThat(result.reason()).isEqualTo("invalid_proof");
    assertThat(result.detail()).contains("made for another block hash");
    assertThat(chain.heads().orElseThrow().provenHead().slot()).isZero();
  }

  @Test
  void aProofBeforeItsBlockWaitsAndIsVerifiedWhenTheBlockArrives() throws Exception {
    assertThat(ingest(mock(2), PEER).reason()).isEqualTo("block_unknown");
    assertThat(pipeline.pendingProofs()).isEqualTo(1);
    chain.recordBlock(block(2));
    chain.updateHead(root(2));
    chain.recordValidProof(new io.zkstateless.validator.store.StoredProof(payload(1), MOCK, 1, 0, new byte[] {1}, "t", NOW));
    await().until(() -> chain.heads().map(heads -> heads.provenHead().slot() == 2).orElse(false));
    assertThat(pipeline.pendingProofs()).isZero();
  }

  /**
   * A restarted validator: Kafka redelivers before the beacon follower has restored the view from
   * the database, so the proof waits for a block that is never recorded again, only restored.
   */
  @Test
  void aProofThatArrivesBeforeTheViewIsRestoredIsVerifiedOnceItIs() throws Exception {
    chain.recordBlock(block(2));
    chain.updateHead(root(2));
    final ProvenChainService restarted = view.service(ProvenChainListener.NOOP, clock);
    final IngestProperties config = new IngestProperties(
        Map.of("mock", "mock"), 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
    final ProofTypeRegistry types = ProofTypeRegistry.defaults();
    final ProofIngestionPipeline afterRestart = new ProofIngestionPipeline(
        restarted, types, IngestConfiguration.verifiers(types, config), config, new IngestMetrics(registry), clock, replays);

    assertThat(afterRestart.ingest(mock(2), PEER, OptionalInt.of(MOCK)).reason()).isEqualTo("block_unknown");
    assertThat(restarted.restore()).isTrue();

    await().until(() -> restarted.hasValidProof(payload(2), MOCK));
    assertThat(afterRestart.pendingProofs()).isZero();
  }

  /**
   * A Kafka record whose block is unknown is not answered (so its offset is not committed) until
   * the block arrives and the proof is stored: a crash in between leaves it to be redelivered.
   */
  @Test
  void aKafkaProofBeforeItsBlockIsAnsweredOnlyOnceItIsStored() throws Exception {
    final ProofSource kafka = ProofSource.kafka(0);
    final CompletableFuture<IngestResult> answer =
        pipeline.ingestAsync(mock(2), kafka, OptionalInt.empty()).toCompletableFuture();
    assertThat(answer).isNotDone();
    assertThat(pipeline.pendingProofs()).isEqualTo(1);

    chain.recordBlock(block(2));

    assertThat(answer.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPT);
    assertThat(chain.hasValidProof(payload(2), MOCK)).isTrue();
    assertThat(registry.find("validator_proofs_total").tags("source", "kafka", "result", "accept")
        .counters().stream().mapToDouble(c -> c.count()).sum()).isEqualTo(1);
  }

  @Test
  void aKafkaProofDroppedFromTheWaitingRoomIsAnsweredIgnore() {
    final CompletableFuture<IngestResult> first =
        pipeline.ingestAsync(mock(2), ProofSource.kafka(0), OptionalInt.empty()).toCompletableFuture();
    // The waiting room holds 16: the 17th proof pushes the oldest out.
    for (int n = 3; n <= 18; n++) {
      assertThat(ingest(mock(n), PEER).reason()).isEqualTo("block_unknown");
    }
    assertThat(first).isDone();
    assertThat(first.join().reason()).isEqualTo("block_unknown");
    assertThat(first.join().detail()).contains("too many");
  }

  @Test
  void aSourceThatKeepsFailingIsRateLimitedWhileOthersFlow() {
    final ExecutionProof junk = proof(payload(1), MOCK, 9, new byte[] {1}, NOW.getEpochSecond());
    for (int i = 0; i < 3; i++) {
      assertThat(ingest(junk, PEER).verdict()).isEqualTo(Verdict.REJECT);
    }
    assertThat(ingest(junk, PEER).reason()).isEqualTo("rate_limited");
    assertThat(ingest(mock(1), PEER).reason()).isEqualTo("rate_limited");
    assertThat(ingest(mock(1), OTHER_PEER).verdict()).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void proofTypesWithoutAVerifierAreIgnored() {
    final ExecutionProof witness = proof(payload(1), 0, 1, new byte[] {1, 2}, NOW.getEpochSecond());
    assertThat(ingest(witness, PEER)).extracting(IngestResult::verdict, IngestResult::reason)
        .containsExactly(Verdict.IGNORE, "no_verifier");
  }
}
