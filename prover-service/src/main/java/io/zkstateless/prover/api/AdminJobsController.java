package io.zkstateless.prover.api;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.jobs.JobDetail;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.JobState;
import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.jobs.ProofJobStore;
import io.zkstateless.prover.proving.ProvingDispatcher;
import io.zkstateless.prover.proving.WorkerPool;
import io.zkstateless.prover.proving.WorkerSlot;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operator views and controls under {@code /api/v1/admin} (bearer token): jobs by state, one job
 * with its timings, cancel and retry of one job, the workers and their health, and pause/resume
 * of dispatching on this replica.
 */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminJobsController {

  static final int MAX_LIMIT = 1000;

  private final ProofJobStore store;
  private final ProvingDispatcher dispatcher;
  private final Clock clock;

  public AdminJobsController(
      final ProofJobStore store, final ProvingDispatcher dispatcher, final Clock clock) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** Jobs in {@code state} ({@code queued}, {@code proving}, ...), newest block first. */
  @GetMapping("/jobs")
  public Mono<List<Map<String, Object>>> jobs(
      @RequestParam final String state, @RequestParam(defaultValue = "100") final int limit) {
    final JobState parsed = parseState(state);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw badRequest("limit must be 1.." + MAX_LIMIT);
    }
    return blocking(
        () -> store.findByState(parsed, limit).stream().map(AdminJobsController::summary).toList());
  }

  /** One job with its timings. */
  @GetMapping("/jobs/{blockHash}/{proofType}")
  public Mono<Map<String, Object>> job(
      @PathVariable final String blockHash, @PathVariable final String proofType) {
    final JobKey key = key(blockHash, proofType);
    return blocking(
        () ->
            store
                .detail(key)
                .map(AdminJobsController::detail)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no job")));
  }

  /** Drops a queued job; 409 if it is not queued (already on a worker, or finished). */
  @PostMapping("/jobs/{blockHash}/{proofType}/cancel")
  public Mono<Map<String, Object>> cancel(
      @PathVariable final String blockHash, @PathVariable final String proofType) {
    final JobKey key = key(blockHash, proofType);
    return blocking(() -> outcome("cancelled", store.cancel(key, clock.instant()), key));
  }

  /** Queues a failed or dropped job again with fresh attempts; 409 otherwise. */
  @PostMapping("/jobs/{blockHash}/{proofType}/retry")
  public Mono<Map<String, Object>> retry(
      @PathVariable final String blockHash, @PathVariable final String proofType) {
    final JobKey key = key(blockHash, proofType);
    return blocking(() -> outcome("requeued", store.requeue(key, clock.instant()), key));
  }

  /** Every worker: pool, busy, circuit breaker state, health. */
  @GetMapping("/workers")
  public List<Map<String, Object>> workers() {
    return dispatcher.pools().stream()
        .flatMap(pool -> pool.slots().stream().map(slot -> worker(pool, slot)))
        .toList();
  }

  @GetMapping("/dispatch")
  public Map<String, Object> dispatch() {
    return Map.of("paused", dispatcher.paused(), "inFlight", dispatcher.inFlight());
  }

  /** Stops giving jobs to workers on this replica (attempts under way finish). */
  @PostMapping("/dispatch/pause")
  public Map<String, Object> pause() {
    dispatcher.pause();
    return dispatch();
  }

  @PostMapping("/dispatch/resume")
  public Map<String, Object> resume() {
    dispatcher.resume();
    return dispatch();
  }

  private Map<String, Object> outcome(final String done, final boolean ok, final JobKey key) {
    if (!ok) {
      final String state =
          store.find(key).map(job -> job.state().label()).orElse("unknown (no such job)");
      throw new ResponseStatusException(HttpStatus.CONFLICT, "job is " + state);
    }
    return Map.of(done, true);
  }

  private static Map<String, Object> worker(final WorkerPool pool, final WorkerSlot slot) {
    return Map.of(
        "id", slot.worker().id(),
        "proofType", pool.proofType().name(),
        "busy", slot.busy(),
        "breaker", slot.breakerState().name(),
        "healthy", slot.healthy());
  }

  private static Map<String, Object> summary(final ProofJob job) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("blockHash", job.block().blockHash().toHexString());
    out.put("blockNumber", job.block().blockNumber());
    out.put("slot", job.block().slot());
    out.put("beaconBlockRoot", job.block().beaconBlockRoot().toHexString());
    out.put("proofType", job.proofType());
    out.put("state", job.state().label());
    out.put("attempts", job.attempts());
    out.put("queuedAt", text(job.queuedAt()));
    out.put("leaseOwner", job.leaseOwner() == null ? "" : job.leaseOwner());
    out.put("lastError", job.lastError() == null ? "" : job.lastError());
    return out;
  }

  private static Map<String, Object> detail(final JobDetail detail) {
    final Map<String, Object> out = summary(detail.job());
    out.put("pinned", detail.pinned());
    out.put("executionRequestsKnown", detail.job().block().executionRequests().isPresent());
    out.put("notBefore", text(detail.notBefore()));
    out.put("startedAt", text(detail.startedAt()));
    out.put("leaseUntil", text(detail.job().leaseUntil()));
    out.put("provedAt", text(detail.provedAt()));
    out.put("finishedAt", text(detail.finishedAt()));
    out.put("proveMillis", detail.proveMillis() == null ? -1 : detail.proveMillis());
    return out;
  }

  private static String text(final Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  private static JobState parseState(final String state) {
    try {
      return JobState.fromLabel(state);
    } catch (final IllegalArgumentException e) {
      throw badRequest("state: " + e.getMessage());
    }
  }

  private static JobKey key(final String blockHash, final String proofType) {
    try {
      return new JobKey(Bytes32.fromHex(blockHash), proofType);
    } catch (final IllegalArgumentException e) {
      throw badRequest("blockHash: " + e.getMessage());
    }
  }

  private static ResponseStatusException badRequest(final String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }

  private static <T> Mono<T> blocking(final Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
