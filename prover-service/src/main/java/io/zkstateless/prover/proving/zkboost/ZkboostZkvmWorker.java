package io.zkstateless.prover.proving.zkboost;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraNewPayloadRequest;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.service.sse.SseReader;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.proving.ProofRequest;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.proving.ZkvmWorker;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code zkboost} adapter: proves a block on a zkboost v0.7 proof node. One attempt:
 *
 * <ol>
 *   <li>build the block's Electra/Fulu {@code NewPayloadRequest} from its beacon block and compute
 *       its root locally;
 *   <li>open the event stream filtered on that root <em>before</em> asking, so no event is missed;
 *   <li>{@code POST /v1/execution_proof_requests}; zkboost's root must equal ours ({@code
 *       root_mismatch} otherwise: the two sides disagree on the SSZ shape and every proof would be
 *       keyed wrong);
 *   <li>wait for {@code proof_complete} or {@code proof_failure} of our proof type; a dropped or
 *       stalled stream is reopened (the root filter replays cached completions) and the proof is
 *       also asked for directly, until the proof timeout;
 *   <li>{@code GET /v1/execution_proofs/{root}/{type}}.
 * </ol>
 *
 * The answer is the raw proof; the prover wraps it into an {@code ExecutionProof} keyed by block
 * hash. zkboost has no cancel call: on timeout or shutdown the adapter stops waiting, and zkboost
 * finishes (or times out) the job on its own.
 */
public final class ZkboostZkvmWorker implements ZkvmWorker {

  private final String id;
  private final WorkerProperties.Zkboost config;
  private final ZkboostClient client;
  private final NewPayloadRequestSource source;
  private final ElectraSchemas schemas;
  private final JsonMapper json;
  private final ScheduledExecutorService watchdog;

  public ZkboostZkvmWorker(
      final String id,
      final WorkerProperties.Zkboost config,
      final HttpClient http,
      final JsonMapper json,
      final NewPayloadRequestSource source,
      final ElectraSchemas schemas,
      final ScheduledExecutorService watchdog) {
    if (config.proofType().isBlank()) {
      throw new IllegalArgumentException(id + ": zkboost.proof-type is required (e.g. reth-sp1)");
    }
    this.id = id;
    this.config = config;
    this.client = new ZkboostClient(http, json, config);
    this.source = source;
    this.schemas = schemas;
    this.json = json;
    this.watchdog = watchdog;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CompletableFuture<byte[]> prove(final ProofRequest request) {
    final ZkboostAttempt attempt =
        new ZkboostAttempt(System.nanoTime() + config.proofTimeout().toNanos());
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    final Thread runner =
        Thread.ofVirtual()
            .name(id + "-attempt")
            .unstarted(
                () -> {
                  try {
                    result.complete(run(request.block(), attempt));
                  } catch (final ProvingException e) {
                    result.completeExceptionally(e);
                  } catch (final RuntimeException e) {
                    result.completeExceptionally(
                        new ProvingException("worker_error", id + ": " + e));
                  }
                });
    attempt.bind(runner);
    // Completed from outside (job timeout, shutdown cancel): stop waiting on zkboost.
    result.whenComplete((proof, error) -> attempt.abort());
    runner.start();
    return result;
  }

  private byte[] run(final BlockRef block, final ZkboostAttempt attempt) {
    final ElectraNewPayloadRequest request = source.forBlock(block);
    final Bytes32 root = schemas.newPayloadRequestRoot(request);
    final long stallNanos = config.stallTimeout().toNanos();
    final long period = Math.max(10, Math.min(1000, config.stallTimeout().toMillis() / 4));
    final ScheduledFuture<?> dog =
        watchdog.scheduleAtFixedRate(
            () -> attempt.check(stallNanos), period, period, TimeUnit.MILLISECONDS);
    try {
      InputStream events = firstStream(root, attempt);
      final Bytes32 answered = client.requestProof(schemas.encode(request));
      if (!answered.equals(root)) {
        throw new ProvingException(
            "root_mismatch",
            "zkboost computed new_payload_request_root " + answered + ", we computed " + root
                + " for block " + block.blockHash() + ": the NewPayloadRequest shapes differ");
      }
      while (true) {
        final Optional<ZkboostEvent> outcome = awaitOutcome(events, root);
        if (outcome.isPresent()) {
          return finish(root, outcome.get());
        }
        events = reopen(root, attempt);
        // A completion while we were away is replayed on the new stream; a proof still cached
        // but somehow not replayed is taken directly.
        final byte[] proof = client.fetchProof(root);
        if (proof != null) {
          return proof;
        }
      }
    } finally {
      dog.cancel(false);
      attempt.closeStream();
    }
  }

  private byte[] finish(final Bytes32 root, final ZkboostEvent event) {
    if (!event.complete()) {
      throw new ProvingException(
          event.proverReason(),
          id + ": zkboost proof_failure " + event.reason() + ": " + event.error());
    }
    final byte[] proof = client.fetchProof(root);
    if (proof == null) {
      throw new ProvingException(
          "proof_evicted", id + ": proof of " + root + " was evicted before it was downloaded");
    }
    if (proof.length == 0) {
      throw new ProvingException("invalid_proof", id + ": zkboost answered an empty proof");
    }
    return proof;
  }

  /** Reads until an event of our root and proof type arrives; empty when the stream ends. */
  private Optional<ZkboostEvent> awaitOutcome(final InputStream events, final Bytes32 root) {
    final SseReader reader = new SseReader(events);
    final String rootHex = root.toHexString();
    try {
      SseReader.Event event;
      while ((event = reader.next()) != null) {
        final Optional<ZkboostEvent> parsed = ZkboostEvent.parse(event, json);
        if (parsed.isPresent()
            && parsed.get().root().equals(rootHex)
            && parsed.get().proofType().equals(config.proofType())) {
          return parsed;
        }
      }
    } catch (final IOException e) {
      // dropped, stalled or past the deadline: the caller decides
    }
    return Optional.empty();
  }

  /** The first stream must open: zkboost unreachable is this worker's failure (its breaker). */
  private InputStream firstStream(final Bytes32 root, final ZkboostAttempt attempt) {
    try {
      return new BufferedInputStream(attempt.watch(client.openEvents(root)));
    } catch (final IOException e) {
      throw new ProvingException(
          "zkboost_unavailable", id + ": cannot open the event stream: " + e.getMessage());
    }
  }

  private InputStream reopen(final Bytes32 root, final ZkboostAttempt attempt) {
    while (true) {
      if (attempt.aborted()) {
        throw new ProvingException("cancelled", id + ": attempt aborted");
      }
      if (attempt.pastDeadline()) {
        throw new ProvingException(
            "timeout", id + ": no proof from zkboost within " + config.proofTimeout());
      }
      try {
        Thread.sleep(config.reconnectBackoff().toMillis());
        return new BufferedInputStream(attempt.watch(client.openEvents(root)));
      } catch (final IOException e) {
        // zkboost restarting: try again until the deadline
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProvingException("cancelled", id + ": attempt interrupted");
      }
    }
  }
}
