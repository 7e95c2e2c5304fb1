package io.zkstateless.validator.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The data behind the web dashboard at {@code /dashboard/}; public and read-only like the other GETs. */
@RestController
@RequestMapping("/api/v1")
public class DashboardController {

  private final DashboardService dashboard;

  DashboardController(final DashboardService dashboard) {
    this.dashboard = dashboard;
  }

  @Operation(
      summary = "Everything the dashboard shows",
      description = "Heads and gap (null before the first finalized checkpoint), stored proofs per subnet,"
          + " the latest canonical blocks with their proof status, and the in-memory head history.")
  @GetMapping("/dashboard")
  public Mono<DashboardView> dashboard() {
    // The view reads the database; keep the wait off the event loop.
    return Mono.fromCallable(dashboard::view).subscribeOn(Schedulers.boundedElastic());
  }
}
