package io.zkstateless.prover.config;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code prover.workers.pools.<proof-type>.*}: which proof types this prover makes and with which
 * worker adapter; a proof type without a pool is not proved here. Defaults to one mock worker for
 * the {@code mock} type.
 *
 * @param pools proof type name to its pool
 */
@Validated
@ConfigurationProperties("prover.workers")
public record WorkersProperties(Map<String, @Valid WorkerProperties> pools) {

  public WorkersProperties {
    pools =
        pools == null || pools.isEmpty()
            ? Map.of("mock", defaultMockPool())
            : Collections.unmodifiableMap(new LinkedHashMap<>(pools));
  }

  /**
   * @throws IllegalArgumentException if a pool names a proof type the registry does not know
   */
  public void checkAgainst(final ProofTypeRegistry registry) {
    pools.keySet().forEach(registry::byName);
  }

  private static WorkerProperties defaultMockPool() {
    return new WorkerProperties(
        WorkerProperties.Kind.MOCK,
        1,
        new WorkerProperties.Mock(
            WorkerProperties.Timing.CONSTANT,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            262_144,
            0.0,
            1),
        new WorkerProperties.Witness(64 * 1024 * 1024),
        EreProperties.of(List.of()),
        new WorkerProperties.Zkboost(
            URI.create("http://localhost:3000"),
            "",
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Duration.ofSeconds(45),
            Duration.ofSeconds(1),
            4 * 1024 * 1024),
        new WorkerProperties.Breaker(3, Duration.ofSeconds(30)));
  }
}
