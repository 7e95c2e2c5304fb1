package io.zkstateless.broadcaster.api;

import io.zkstateless.broadcaster.retry.DeadLetter;
import io.zkstateless.broadcaster.retry.DeadLetters;
import java.util.List;
import java.util.Map;
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

/** Admin: page through the dead-letter topic and replay one record or all of them. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public class DeadLetterController {

  private final DeadLetters deadLetters;

  public DeadLetterController(final DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** {@code skip} records from the start are skipped; {@code limit} is 1..500. */
  @GetMapping
  public Mono<List<DeadLetter>> list(
      @RequestParam(defaultValue = "0") final int skip,
      @RequestParam(defaultValue = "50") final int limit) {
    if (skip < 0 || skip > DeadLetters.MAX_REPLAY) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "skip must be 0.." + DeadLetters.MAX_REPLAY);
    }
    if (limit < 1 || limit > DeadLetters.MAX_PAGE) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "limit must be 1.." + DeadLetters.MAX_PAGE);
    }
    return blocking(() -> deadLetters.list(skip, limit));
  }

  /** Re-produces one dead letter to the proofs topic; 404 if there is no record there. */
  @PostMapping("/{partition}/{offset}/replay")
  public Mono<DeadLetter> replay(
      @PathVariable final int partition, @PathVariable final long offset) {
    if (partition < 0 || offset < 0) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "partition and offset must not be negative");
    }
    return blocking(
        () ->
            deadLetters
                .replay(partition, offset)
                .orElseThrow(
                    () ->
                        new ResponseStatusException(
                            HttpStatus.NOT_FOUND,
                            "no dead letter at " + partition + "@" + offset)));
  }

  /** Re-produces every dead letter (at most 10,000). */
  @PostMapping("/replay")
  public Mono<Map<String, Integer>> replayAll() {
    return blocking(() -> Map.of("replayed", deadLetters.replayAll()));
  }

  /** Kafka clients block; keep them off the event loop. */
  private static <T> Mono<T> blocking(final java.util.concurrent.Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
