package io.zkstateless.prover.proving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the zkVM workers: DOWN when some proof type has no worker whose circuit breaker is
 * closed or half-open, because then that type's proofs stop. Details list each worker's breaker.
 */
public final class WorkersHealthIndicator extends AbstractHealthIndicator {

  private final List<WorkerPool> pools;

  public WorkersHealthIndicator(final List<WorkerPool> pools) {
    this.pools = pools;
  }

  @Override
  protected void doHealthCheck(final Health.Builder builder) {
    boolean allTypesServed = true;
    for (final WorkerPool pool : pools) {
      final Map<String, String> workers = new LinkedHashMap<>();
      pool.slots()
          .forEach(
              slot -> workers.put(slot.worker().id(), slot.breakerState().name().toLowerCase()));
      builder.withDetail(pool.proofType().name(), workers);
      allTypesServed &= pool.healthyWorkers() > 0;
    }
    if (allTypesServed) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
