package io.zkstateless.validator.api;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.follow.BeaconFollowerRunner;
import io.zkstateless.validator.ingest.IngestionControl;
import io.zkstateless.validator.ingest.ProofReverifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Admin operations: re-verify a block's proofs, backfill now, pause and resume ingestion. */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminOperationsController {

  private final ProofReverifier reverifier;
  private final IngestionControl ingestion;
  private final ObjectProvider<BeaconFollowerRunner> follower;

  public AdminOperationsController(
      final ProofReverifier reverifier,
      final IngestionControl ingestion,
      final ObjectProvider<BeaconFollowerRunner> follower) {
    this.reverifier = reverifier;
    this.ingestion = ingestion;
    this.follower = follower;
  }

  /**
   * Re-runs the configured verifiers over the stored proofs of a block (beacon root or execution
   * block hash). Proofs that fail now are reported, not removed (see {@link ProofReverifier}).
   */
  @PostMapping("/blocks/{id}/reverify")
  public Mono<ProofReverifier.Report> reverify(@PathVariable final String id) {
    final Bytes32 key = parse(id);
    return Mono.fromCallable(() -> reverifier.reverify(key).orElseThrow(() ->
            new ResponseStatusException(HttpStatus.NOT_FOUND, "no block " + id + " since the finalized checkpoint")))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Asks the follower to backfill from the beacon node now; the work runs after the answer. */
  @PostMapping("/backfill")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public BackfillAnswer backfill() {
    final BeaconFollowerRunner runner = follower.getIfAvailable();
    if (runner == null) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "beacon following is disabled (validator.beacon.enabled)");
    }
    return new BackfillAnswer(runner.requestBackfill(), runner.status().state().name());
  }

  @GetMapping("/ingestion")
  public IngestionControl.IngestionState ingestion() {
    return ingestion.state();
  }

  @PostMapping("/ingestion/pause")
  public IngestionControl.IngestionState pause() {
    return ingestion.pause();
  }

  @PostMapping("/ingestion/resume")
  public IngestionControl.IngestionState resume() {
    return ingestion.resume();
  }

  private static Bytes32 parse(final String id) {
    try {
      return Bytes32.fromHex(id);
    } catch (final IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "id must be a 0x-prefixed 32-byte hex root or hash");
    }
  }

  /**
   * @param queued false when a requested backfill was still waiting (this request joins it) or the
   *     follower is stopped
   * @param followerState the follower's state when asked
   */
  public record BackfillAnswer(boolean queued, String followerState) {}
}
