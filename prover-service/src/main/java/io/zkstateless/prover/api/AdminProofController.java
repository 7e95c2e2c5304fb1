package io.zkstateless.prover.api;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.proving.WorkerPools;
import io.zkstateless.prover.watch.BeaconBlockInfo;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.BeaconWatchException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operator requests under {@code /api/v1/admin/proofs} (bearer token, {@link AdminTokenFilter}).
 * New blocks are named by beacon block (root or slot, or a slot range), because only the beacon
 * node tells the slot and root a proof record carries; jobs already known can be named by execution
 * block hash or number and are requeued if they failed or were dropped. Requested jobs are pinned:
 * kept through finalization and queue-bound drops.
 */
@RestController
@RequestMapping("/api/v1/admin/proofs")
public class AdminProofController {

  static final int MAX_RANGE = 1024;

  private final BeaconBlocksClient beacon;
  private final ProofJobStore store;
  private final List<String> proofTypes;
  private final Clock clock;

  public AdminProofController(
      final BeaconBlocksClient beacon,
      final ProofJobStore store,
      final WorkerPools pools,
      final Clock clock) {
    this.beacon = beacon;
    this.store = store;
    this.proofTypes = pools.proofTypes();
    this.clock = clock;
  }

  /** Proofs of one beacon block ({@code 0x} root or slot) for every configured proof type. */
  @PostMapping(params = "beaconBlock")
  public Mono<Map<String, Object>> requestBeaconBlock(@RequestParam final String beaconBlock) {
    return blocking(() -> Map.of("queued", enqueue(List.of(beaconBlock))));
  }

  /**
   * Proofs of the beacon blocks in slots {@code fromSlot..toSlot} (at most 1024; empty slots
   * skipped).
   */
  @PostMapping(params = {"fromSlot", "toSlot"})
  public Mono<Map<String, Object>> requestSlotRange(
      @RequestParam final long fromSlot, @RequestParam final long toSlot) {
    if (fromSlot < 0 || toSlot < fromSlot || toSlot - fromSlot >= MAX_RANGE) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "need 0 <= fromSlot <= toSlot and at most " + MAX_RANGE + " slots");
    }
    final List<String> slots = new ArrayList<>();
    for (long slot = fromSlot; slot <= toSlot; slot++) {
      slots.add(Long.toString(slot));
    }
    return blocking(() -> Map.of("queued", enqueue(slots)));
  }

  /** Requeues the known jobs of an execution block hash. */
  @PostMapping(params = "blockHash")
  public Mono<Map<String, Object>> requeueBlockHash(@RequestParam final String blockHash) {
    final Bytes32 hash = parseHash(blockHash);
    return blocking(
        () ->
            Map.of(
                "requeued",
                requeue(proofTypes.stream().map(type -> new JobKey(hash, type)).toList())));
  }

  /** Requeues the known jobs of an execution block number (every fork's block of that height). */
  @PostMapping(params = "blockNumber")
  public Mono<Map<String, Object>> requeueBlockNumber(@RequestParam final long blockNumber) {
    return blocking(
        () ->
            Map.of(
                "requeued",
                requeue(
                    store.findByBlockNumber(blockNumber).stream().map(ProofJob::key).toList())));
  }

  /** The jobs of an execution block number and their states. */
  @GetMapping(params = "blockNumber")
  public Mono<List<Map<String, Object>>> jobs(@RequestParam final long blockNumber) {
    return blocking(
        () ->
            store.findByBlockNumber(blockNumber).stream()
                .map(
                    job ->
                        Map.<String, Object>of(
                            "blockHash", job.block().blockHash().toHexString(),
                            "proofType", job.proofType(),
                            "slot", job.block().slot(),
                            "state", job.state().label(),
                            "attempts", job.attempts(),
                            "lastError", job.lastError() == null ? "" : job.lastError()))
                .toList());
  }

  private int enqueue(final List<String> blockIds) {
    int queued = 0;
    for (final String blockId : blockIds) {
      final BeaconBlockInfo block;
      try {
        block = beacon.block(blockId);
      } catch (final BeaconWatchException e) {
        if (blockIds.size() == 1) {
          throw new ResponseStatusException(
              HttpStatus.BAD_GATEWAY, "beacon node: " + e.getMessage());
        }
        continue;
      } catch (final IllegalArgumentException e) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST, "bad beacon block id: " + e.getMessage());
      }
      if (block.hasExecutionPayload()) {
        queued += store.enqueue(block.toBlockRef(), proofTypes, clock.instant(), true);
      }
    }
    return queued;
  }

  private int requeue(final List<JobKey> keys) {
    int requeued = 0;
    for (final JobKey key : keys) {
      requeued += store.requeue(key, clock.instant()) ? 1 : 0;
    }
    return requeued;
  }

  private static Bytes32 parseHash(final String hex) {
    try {
      return Bytes32.fromHex(hex);
    } catch (final IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "blockHash: " + e.getMessage());
    }
  }

  /** JDBC and the beacon client block; keep them off the event loop. */
  private static <T> Mono<T> blocking(final Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
