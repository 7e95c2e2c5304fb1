package io.zkstateless.prover.proving.ere;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the ere-servers behind the {@code ere} workers: each is asked {@code ProgramVk} (cheap:
 * the server answers from memory), and the indicator is DOWN unless every server answers and serves
 * the expected program. Details name each worker's server, the SHA-256 of its program vk and what
 * is wrong. Readiness does not include it: {@code zkvmWorkers} already says whether a proof type
 * can still be proved, and one server down must not take the whole prover out.
 */
public final class EreServersHealthIndicator extends AbstractHealthIndicator {

  private final List<EreZkvmWorker> workers;
  private final Duration timeout;

  public EreServersHealthIndicator(final List<EreZkvmWorker> workers, final Duration timeout) {
    this.workers = List.copyOf(workers);
    this.timeout = timeout;
  }

  @Override
  protected void doHealthCheck(final Health.Builder builder) {
    final List<CompletableFuture<EreServerStatus>> probes =
        workers.stream().map(worker -> worker.probe(timeout)).toList();
    boolean allUsable = true;
    for (int i = 0; i < workers.size(); i++) {
      final EreServerStatus status = probes.get(i).join();
      final Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("endpoint", workers.get(i).client().base().toString());
      detail.put("reachable", status.reachable());
      status.programVkSha256().ifPresent(sha -> detail.put("programVkSha256", sha));
      status.problem().ifPresent(problem -> detail.put("problem", problem));
      builder.withDetail(workers.get(i).id(), detail);
      allUsable &= status.usable();
    }
    if (allUsable) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
