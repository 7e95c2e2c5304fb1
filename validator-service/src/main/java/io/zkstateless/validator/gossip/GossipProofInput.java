package io.zkstateless.validator.gossip;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipValidator.Result;
import io.zkstateless.validator.ingest.IngestResult;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import io.zkstateless.validator.ingest.ProofSource;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each execution proof received on gossip through the {@link ProofIngestionPipeline}, off the
 * network threads, and turns its verdict into the gossipsub validation result: ACCEPT forwards,
 * IGNORE drops, REJECT drops and counts against the sender, who is disconnected once its REJECTs
 * pass the threshold. A proof the executor has no room for gets no verdict: its stage fails, so the
 * router forgets it and a later copy is validated (an IGNORE would drop every later copy as a
 * duplicate and lose the proof). The router stops reading from peers well before the executor is
 * full ({@link ValidatorP2pNode}), so this is the last resort, counted in {@code
 * validator_gossip_overloaded_total}.
 */
final class GossipProofInput implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GossipProofInput.class);

  private final ProofIngestionPipeline pipeline;
  private final ExecutorService executor;
  private final PeerRejectTracker rejects;
  private final Consumer<PeerId> disconnect;
  private final GossipMetrics metrics;
  private final Clock clock;

  GossipProofInput(
      final ProofIngestionPipeline pipeline,
      final ExecutorService executor,
      final PeerRejectTracker rejects,
      final Consumer<PeerId> disconnect,
      final GossipMetrics metrics,
      final Clock clock) {
    this.pipeline = pipeline;
    this.executor = executor;
    this.rejects = rejects;
    this.disconnect = disconnect;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The {@link io.zkstateless.common.p2p.eth2.ProofGossipHandler} of the node. */
  CompletionStage<Result> validate(
      final PeerId from, final int topicSubnet, final ExecutionProof proof) {
    try {
      return CompletableFuture.supplyAsync(() -> judge(from, topicSubnet, proof), executor);
    } catch (final RejectedExecutionException e) {
      metrics.overloaded();
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Called by the node for messages its eth2 checks REJECTed before the pipeline saw them. */
  void onUndecodable(final PeerId from, final String detail) {
    pipeline.undecodable(source(from), detail);
    penalise(from);
  }

  private Result judge(final PeerId from, final int topicSubnet, final ExecutionProof proof) {
    final IngestResult result = pipeline.ingest(proof, source(from), OptionalInt.of(topicSubnet));
    return switch (result.verdict()) {
      case ACCEPT -> Result.ACCEPT;
      case IGNORE -> Result.IGNORE;
      case REJECT -> {
        LOG.debug("REJECT from {}: {} {}", from, result.reason(), result.detail());
        penalise(from);
        yield Result.REJECT;
      }
    };
  }

  private void penalise(final PeerId from) {
    if (rejects.recordReject(from.toBase58(), clock.instant())) {
      LOG.info("Disconnecting {}: too many REJECTed proofs", from);
      metrics.disconnected();
      disconnect.accept(from);
    }
  }

  /** Stops the validation threads; messages still queued are never judged (the node is closing). */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static ProofSource source(final PeerId peer) {
    return new ProofSource(ProofSource.Kind.GOSSIP, peer.toBase58());
  }
}
