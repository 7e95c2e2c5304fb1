package io.zkstateless.validator.health;

import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.ingest.ConfiguredVerifiers;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.VerifierHealth;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness on the configured verifiers: one detail per proof type (its verifier kind and state);
 * OUT_OF_SERVICE while any of them cannot verify (a remote verifier with its breaker open), since
 * proofs of that type would only be IGNOREd. The mock and witness verifiers are always available.
 */
public class VerifiersHealthIndicator implements HealthIndicator {

  private final ConfiguredVerifiers verifiers;
  private final ProofTypeRegistry types;

  public VerifiersHealthIndicator(final ConfiguredVerifiers verifiers, final ProofTypeRegistry types) {
    this.verifiers = verifiers;
    this.types = types;
  }

  @Override
  public Health health() {
    final Map<String, Object> details = new TreeMap<>();
    boolean allAvailable = true;
    for (final Map.Entry<Integer, ProofVerifier> entry : verifiers.byTypeId().entrySet()) {
      final VerifierHealth health = entry.getValue().health();
      allAvailable &= health.available();
      details.put(typeName(entry.getKey()), Map.of(
          "kind", entry.getValue().kind(),
          "available", health.available(),
          "detail", health.detail()));
    }
    return (allAvailable ? Health.up() : Health.outOfService()).withDetails(details).build();
  }

  private String typeName(final int typeId) {
    return types.all().stream().filter(t -> t.id() == typeId).map(ProofType::name).findFirst()
        .orElse(Integer.toString(typeId));
  }
}
