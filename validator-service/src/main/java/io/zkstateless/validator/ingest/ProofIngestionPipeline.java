package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.store.ParkedProofStore;
import io.zkstateless.validator.store.StoredProof;
import io.zkstateless.validator.tracking.ProofOutcome;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every proof takes, whatever its source (gossip, Kafka, admin API): rate limit →
 * cheap checks → duplicate → wait for the block if unknown → verify with the proof type's verifier
 * → store. The verdict is the gossip validation result. Cheap checks come first and cost no I/O, so
 * junk is rejected at a rate far above what valid proofs need.
 *
 * <p>{@link #ingestAsync} is the pipeline itself: everything up to the verifier runs on the
 * caller's thread; the verification may complete later on a thread of the verifier's (the {@code
 * http} one), and the store then runs there. {@link #ingest} waits for it.
 */
public class ProofIngestionPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(ProofIngestionPipeline.class);
  static final long SUPPORTED_VERSION = 1;

  /**
   * How long a Kafka record whose block is unknown waits for it before its offset may be committed.
   * Within it, a crash leaves the record uncommitted and Kafka redelivers it; beyond it the proof
   * waits in memory only, as a gossip one does. One wait that runs out makes the next ones not wait
   * at all until a waited proof is resolved again, so a poll full of proofs of blocks that never
   * come (an orphaned branch) cannot stall the consumer past {@code max.poll.interval.ms}.
   */
  static final Duration KAFKA_BLOCK_WAIT = Duration.ofSeconds(10);

  private final ProvenChainService chain;
  private final ProofTypeRegistry types;
  private final Map<Integer, ProofVerifier> verifiers;
  private final IngestProperties config;
  private final FailureRateLimiter limiter;
  private final ProofPark park;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final ExecutorService replays;
  private volatile boolean paused;
  private volatile boolean kafkaWaitRanOut;

  /** A pipeline whose proofs wait for their blocks in memory only (tests and tools). */
  public ProofIngestionPipeline(
      final ProvenChainService chain,
      final ProofTypeRegistry types,
      final Map<Integer, ProofVerifier> verifiersByTypeId,
      final IngestProperties config,
      final IngestMetrics metrics,
      final Clock clock,
      final ExecutorService replays) {
    this(chain, types, verifiersByTypeId, config, metrics, clock, replays, null, Runnable::run);
  }

  /**
   * {@code parked}: where proofs answered while they wait for their block are kept, so a crash
   * cannot lose them ({@link #restoreParked} reads them back); null keeps them in memory only.
   * {@code parkWriter} runs the gossip and admin writes and the deletes of {@code parked} (one
   * thread with a bounded queue in the service; {@code Runnable::run} runs them in place).
   */
  public ProofIngestionPipeline(
      final ProvenChainService chain,
      final ProofTypeRegistry types,
      final Map<Integer, ProofVerifier> verifiersByTypeId,
      final IngestProperties config,
      final IngestMetrics metrics,
      final Clock clock,
      final ExecutorService replays,
      final ParkedProofStore parked,
      final Executor parkWriter) {
    this.chain = chain;
    this.types = types;
    this.verifiers = Map.copyOf(verifiersByTypeId);
    this.config = config;
    this.limiter =
        new FailureRateLimiter(
            config.failuresPerSourcePerSecond(), config.failureBurstPerSource(), config.failuresPerSecond(), 10_000);
    this.park = new ProofPark(parked, config, metrics, clock, parkWriter);
    this.metrics = metrics;
    this.clock = clock;
    this.replays = replays;
    chain.addBlockListener(this::onBlockRecorded);
  }

  /**
   * Runs a proof through the pipeline and waits for its verdict. {@code topicSubnet} is the gossip
   * topic's subnet, empty for sources without one. A store failure is thrown as it was raised.
   */
  public IngestResult ingest(final ExecutionProof proof, final ProofSource source, final OptionalInt topicSubnet) {
    try {
      return ingestAsync(proof, source, topicSubnet).toCompletableFuture().join();
    } catch (final CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Runs a proof through the pipeline; the stage completes with its verdict once it is verified
   * and stored, or exceptionally if the store failed (the database is unreachable).
   */
  public CompletionStage<IngestResult> ingestAsync(
      final ExecutionProof proof, final ProofSource source, final OptionalInt topicSubnet) {
    final Instant now = clock.instant();
    return decide(proof, source, topicSubnet, now)
        .thenApply(
            result -> {
              if (result.verdict() == Verdict.REJECT) {
                limiter.recordFailure(source.id(), now);
              }
              metrics.count(source, result);
              return result;
            });
  }

  /** Counts a record that could not even be decoded (a REJECT with nothing to look at). */
  public IngestResult undecodable(final ProofSource source, final String detail) {
    final IngestResult result = IngestResult.reject("undecodable", detail);
    limiter.recordFailure(source.id(), clock.instant());
    metrics.count(source, result);
    return result;
  }

  /**
   * Pauses (or resumes) gossip and admin ingestion: while paused they answer IGNORE "paused". Kafka
   * records are not refused here, because their offsets are committed after the listener returns
   * and an IGNOREd record would be lost; the Kafka listener container is paused instead (see
   * {@link IngestionControl}), which lets the current poll finish and then stops fetching.
   */
  public void setPaused(final boolean paused) {
    this.paused = paused;
  }

  public boolean isPaused() {
    return paused;
  }

  public int pendingProofs() {
    return park.size();
  }

  /**
   * Start-up: reads the proofs that were waiting for their blocks when the process last stopped
   * back into the park. Each is then looked up once: if the view already knows its block it is
   * replayed now; otherwise a block arrival replays it, and so does the view's restore, which
   * tells the block listeners of every restored block ({@link ProvenChainService#restore}), so it
   * does not matter whether the beacon follower restores the view before or after this.
   */
  public int restoreParked() {
    final List<PendingProofs.Pending> restored =
        park.restore(proof -> types.findBySubnet(proof.subnetId())
            .map(type -> verifiers.containsKey(type.id()))
            .orElse(false));
    restored.forEach(waiting -> chain.blockByExecutionHash(waiting.proof().blockHash()).ifPresent(this::onBlockRecorded));
    return restored.size();
  }

  private CompletionStage<IngestResult> decide(
      final ExecutionProof proof, final ProofSource source, final OptionalInt topicSubnet, final Instant now) {
    if (paused && source.kind() != ProofSource.Kind.KAFKA) {
      return done(IngestResult.ignore("paused", "ingestion is paused by an operator"));
    }
    if (!limiter.allows(source.id(), now)) {
      return done(IngestResult.ignore("rate_limited", "source " + source.id() + " sent too many failing proofs"));
    }
    final Optional<IngestResult> cheap = cheapChecks(proof, topicSubnet, now);
    if (cheap.isPresent()) {
      return done(cheap.get());
    }
    final ProofType type = types.findBySubnet(proof.subnetId()).orElseThrow();
    final ProofVerifier verifier = verifiers.get(type.id());
    if (verifier == null) {
      return done(IngestResult.ignore("no_verifier", "no verifier configured for proof type " + type.name()));
    }
    if (chain.hasValidProof(proof.blockHash(), type.id())) {
      return done(IngestResult.ignore("duplicate", "a valid " + type.name() + " proof is already stored"));
    }
    final Optional<BeaconBlock> block = chain.blockByExecutionHash(proof.blockHash());
    if (block.isEmpty()) {
      final boolean awaited = source.kind() == ProofSource.Kind.KAFKA && !kafkaWaitRanOut;
      final PendingProofs.Pending waiting =
          new PendingProofs.Pending(proof, source, now, awaited);
      if (awaited) {
        park.park(waiting);
      } else if (source.kind() == ProofSource.Kind.KAFKA) {
        // Its offset is committed on this answer: written first, so a crash cannot lose it. A
        // write failure is thrown, for the listener to retry the record.
        park.parkDurably(waiting);
      } else {
        // Answered now (IGNORE) and never sent again: written on the park's writer thread.
        park.parkAndWrite(waiting);
      }
      // The block may have been recorded between the lookup above and the add, and its listener
      // then found nothing to replay: look once more, or the proof would wait until it expires.
      chain.blockByExecutionHash(proof.blockHash()).ifPresent(this::onBlockRecorded);
      final IngestResult parked =
          IngestResult.ignore("block_unknown", "waiting for block " + proof.blockHash());
      if (!awaited) {
        return done(parked);
      }
      return waiting
          .outcome()
          .orTimeout(KAFKA_BLOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)
          .handle(
              (outcome, error) -> {
                if (error == null) {
                  kafkaWaitRanOut = false;
                  return done(outcome);
                }
                final Throwable cause =
                    error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause()
                        : error;
                if (cause instanceof TimeoutException) {
                  kafkaWaitRanOut = true;
                  // The offset is committed on this answer: from now on only the row keeps the
                  // proof. A failed write fails the stage, and the record is retried.
                  park.makeDurable(waiting);
                  return done(parked);
                }
                // The store failed: the listener's error handler retries the record.
                return CompletableFuture.<IngestResult>failedFuture(cause);
              })
          .thenCompose(stage -> stage);
    }
    return verifyAndStore(proof, type, verifier, block.get(), source, now);
  }

  private static CompletionStage<IngestResult> done(final IngestResult result) {
    return CompletableFuture.completedFuture(result);
  }

  private Optional<IngestResult> cheapChecks(
      final ExecutionProof proof, final OptionalInt topicSubnet, final Instant now) {
    if (proof.version() != SUPPORTED_VERSION) {
      return Optional.of(IngestResult.reject("unsupported_version", "version " + proof.version()));
    }
    if (topicSubnet.isPresent() && topicSubnet.getAsInt() != proof.subnetId().value()) {
      return Optional.of(IngestResult.reject("subnet_mismatch",
          "subnet_id " + proof.subnetId().value() + " on topic of subnet " + topicSubnet.getAsInt()));
    }
    if (types.findBySubnet(proof.subnetId()).isEmpty()) {
      return Optional.of(IngestResult.reject("unknown_proof_type", "no proof type on subnet " + proof.subnetId().value()));
    }
    if (proof.proofData().size() == 0) {
      return Optional.of(IngestResult.reject("empty_proof", "proof_data is empty"));
    }
    final long skew = proof.timestamp() - now.getEpochSecond();
    if (proof.timestamp() < 0 || skew > config.maxFutureSkew().toSeconds()) {
      return Optional.of(IngestResult.reject("timestamp_in_future", "timestamp " + Long.toUnsignedString(proof.timestamp())));
    }
    if (-skew > config.maxProofAge().toSeconds()) {
      return Optional.of(IngestResult.ignore("stale", "generated " + Duration.ofSeconds(-skew) + " ago"));
    }
    return Optional.empty();
  }

  private CompletionStage<IngestResult> verifyAndStore(
      final ExecutionProof proof,
      final ProofType type,
      final ProofVerifier verifier,
      final BeaconBlock block,
      final ProofSource source,
      final Instant receivedAt) {
    final long started = System.nanoTime();
    CompletionStage<VerificationResult> verification;
    try {
      verification = verifier.verifyAsync(proof, block);
    } catch (final RuntimeException e) {
      verification = CompletableFuture.failedFuture(e);
    }
    return verification
        .handle(
            (result, error) -> {
              metrics.verified(type.name(), Duration.ofNanos(System.nanoTime() - started));
              if (error != null) {
                final Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
                LOG.error("Verifier {} failed on a {} proof for {}", verifier.kind(), type.name(), proof.blockHash(), cause);
                return Optional.of(IngestResult.ignore("verifier_error", cause.getClass().getSimpleName()));
              }
              return switch (result) {
                case VerificationResult.Valid valid -> Optional.<IngestResult>empty();
                case VerificationResult.Invalid invalid -> Optional.of(IngestResult.reject("invalid_proof", invalid.reason()));
                case VerificationResult.Unavailable unavailable ->
                    Optional.of(IngestResult.ignore("verifier_unavailable", unavailable.reason()));
              };
            })
        // Outside handle(): a store failure must fail the stage, not become a verdict.
        .thenApply(verdict -> verdict.orElseGet(() -> store(proof, type, source, receivedAt)));
  }

  private IngestResult store(
      final ExecutionProof proof, final ProofType type, final ProofSource source, final Instant receivedAt) {
    final StoredProof stored =
        new StoredProof(proof.blockHash(), type.id(), (int) proof.version(), proof.timestamp(),
            proof.proofData().toArray(), source.kind().tag(), receivedAt);
    return chain.recordValidProof(stored) == ProofOutcome.STORED
        ? IngestResult.accept()
        : IngestResult.ignore("duplicate", "stored concurrently by another source");
  }

  /** A block arrived: verify the proofs that were waiting for it, off the recording thread. */
  private void onBlockRecorded(final BeaconBlock block) {
    if (!block.hasExecutionPayload()) {
      return;
    }
    final List<PendingProofs.Pending> waiting = park.take(block.executionBlockHash());
    if (!waiting.isEmpty()) {
      replays.execute(() -> waiting.forEach(this::replay));
    }
  }

  private void replay(final PendingProofs.Pending waiting) {
    final ProofType type = types.findBySubnet(waiting.proof().subnetId()).orElseThrow();
    final ProofVerifier verifier = verifiers.get(type.id());
    final BeaconBlock block = chain.blockByExecutionHash(waiting.proof().blockHash()).orElseThrow();
    verifyAndStore(waiting.proof(), type, verifier, block, waiting.source(), waiting.receivedAt())
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                // Its row, if it has one, stays: swept by age, or restored and replayed after a restart.
                if (!(waiting.awaited() && waiting.outcome().completeExceptionally(error))) {
                  LOG.warn("A proof for {} that waited for its block could not be stored: {}",
                      waiting.proof().blockHash(), error.toString());
                }
                return;
              }
              park.resolved(waiting);
              // A Kafka listener still waiting counts the verdict itself (as its ingest's).
              if (waiting.outcome().complete(result) && waiting.awaited()) {
                return;
              }
              if (result.verdict() == Verdict.REJECT) {
                limiter.recordFailure(waiting.source().id(), clock.instant());
              }
              metrics.count(waiting.source(), result);
            });
  }
}
