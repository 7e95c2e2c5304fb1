package io.zkstateless.prover.config;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the prover's execution client: DOWN while the circuit breaker is open, so the prover
 * stops being ready (and takes no new proof jobs) when its witness source is failing, as operators
 * asked of Lighthouse (node health must account for the EL). Passive: it reports what the last
 * calls saw and never calls the execution client itself.
 */
public final class ExecutionClientHealthIndicator implements HealthIndicator {

  private final ExecutionWitnessClient client;

  public ExecutionClientHealthIndicator(final ExecutionWitnessClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    final CircuitBreaker.State state = client.breakerState();
    final Health.Builder health =
        state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
            ? Health.down()
            : Health.up();
    return health.withDetail("circuitBreaker", state.name()).build();
  }
}
