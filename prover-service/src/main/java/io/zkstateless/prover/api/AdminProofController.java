package io.zkstateless.prover.api;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.proving.WorkerPools;
import io.zkstateless.prover.watch.BeaconBlockInfo;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.BeaconWatchException;
import io.zkstateless.prover.watch.PayloadBlockFinder;
import io.zkstateless.prover.watch.WatchProperties;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
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
 * Blocks are named by beacon block (root or slot, or a slot range) or by execution block (hash or
 * number, or a number range). An execution block with jobs is requeued if its jobs failed or were
 * dropped ({@code requeued}); one without is resolved to its beacon block ({@link
 * ExecutionBlockResolver}: header from the execution client, then the beacon block carrying that
 * payload) and queued ({@code queued}). A single unresolvable block answers 404 (unknown to the
 * execution client), 502 (execution client or beacon node unreachable) or 422 (the beacon node
 * holds no block carrying it); a range counts the 404 and 422 cases in {@code unresolved} and
 * stops with 502.
 * Requested jobs are pinned: kept through finalization and queue-bound drops.
 */
@RestController
@RequestMapping("/api/v1/admin/proofs")
public class AdminProofController {

  static final int MAX_RANGE = 1024;

  private final BeaconBlocksClient beacon;
  private final ExecutionBlockResolver resolver;
  private final ProofJobStore store;
  private final List<String> proofTypes;
  private final Clock clock;

  public AdminProofController(
      final BeaconBlocksClient beacon,
      final ExecutionWitnessClient executionClient,
      final WatchProperties watch,
      final ProofJobStore store,
      final WorkerPools pools,
      final Clock clock) {
    this.beacon = beacon;
    this.resolver =
        new ExecutionBlockResolver(executionClient, new PayloadBlockFinder(beacon), watch);
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

  /**
   * Proofs of an execution block by hash: its known jobs requeued, or, if the prover has none, the
   * block resolved to its beacon block and queued.
   */
  @PostMapping(params = "blockHash")
  public Mono<Map<String, Object>> requestBlockHash(@RequestParam final String blockHash) {
    final Bytes32 hash = parseHash(blockHash);
    return blocking(
        () -> {
          if (store.knowsExecutionBlock(hash)) {
            return Map.of(
                "requeued",
                requeue(proofTypes.stream().map(type -> new JobKey(hash, type)).toList()),
                "queued",
                0);
          }
          return Map.of("requeued", 0, "queued", enqueue(resolver.byHash(hash)));
        });
  }

  /**
   * Proofs of an execution block by number: the known jobs at that height (every fork's block)
   * requeued, or, if the prover has none, the execution client's canonical block resolved and
   * queued.
   */
  @PostMapping(params = "blockNumber")
  public Mono<Map<String, Object>> requestBlockNumber(@RequestParam final long blockNumber) {
    checkNumber(blockNumber);
    return blocking(() -> requestNumber(blockNumber, true).toMap(false));
  }

  /**
   * Proofs of the execution blocks {@code fromBlock..toBlock} (at most 1024), each as {@code
   * ?blockNumber=}; blocks that cannot be resolved (404, 422) are skipped and counted in {@code
   * unresolved}, while an unreachable execution client or beacon node (502) stops the request.
   */
  @PostMapping(params = {"fromBlock", "toBlock"})
  public Mono<Map<String, Object>> requestBlockRange(
      @RequestParam final long fromBlock, @RequestParam final long toBlock) {
    if (fromBlock < 0 || toBlock < fromBlock || toBlock - fromBlock >= MAX_RANGE) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "need 0 <= fromBlock <= toBlock and at most " + MAX_RANGE + " blocks");
    }
    return blocking(
        () -> {
          Counts total = new Counts(0, 0, 0);
          for (long number = fromBlock; number <= toBlock; number++) {
            total = total.plus(requestNumber(number, false));
          }
          return total.toMap(true);
        });
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

  /**
   * One block number. Unless {@code strict}, a block the execution client does not know (404) or
   * the beacon node holds no block for (422) is counted as unresolved; an unreachable client or
   * node (502) always fails the request rather than being asked again for each block of a range.
   */
  private Counts requestNumber(final long blockNumber, final boolean strict) {
    final List<ProofJob> jobs = store.findByBlockNumber(blockNumber);
    if (!jobs.isEmpty()) {
      return new Counts(0, requeue(jobs.stream().map(ProofJob::key).toList()), 0);
    }
    try {
      return new Counts(enqueue(resolver.byNumber(blockNumber)), 0, 0);
    } catch (final ResponseStatusException e) {
      if (strict || e.getStatusCode().equals(HttpStatus.BAD_GATEWAY)) {
        throw e;
      }
      return new Counts(0, 0, 1);
    }
  }

  private record Counts(int queued, int requeued, int unresolved) {

    Counts plus(final Counts other) {
      return new Counts(
          queued + other.queued, requeued + other.requeued, unresolved + other.unresolved);
    }

    Map<String, Object> toMap(final boolean withUnresolved) {
      return withUnresolved
          ? Map.of("queued", queued, "requeued", requeued, "unresolved", unresolved)
          : Map.of("queued", queued, "requeued", requeued);
    }
  }

  private int enqueue(final BeaconBlockInfo block) {
    return store.enqueue(block.toBlockRef(), proofTypes, clock.instant(), true);
  }

  private static void checkNumber(final long blockNumber) {
    if (blockNumber < 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "blockNumber must be >= 0");
    }
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
