package io.zkstateless.validator.ingest;

import io.zkstateless.validator.verify.ProofVerifier;
import java.util.Map;
import java.util.Optional;

/**
 * The verifier configured for each proof type id ({@code validator.ingest.verifiers}), shared by
 * the pipeline, the admin re-verification and the {@code verifiers} health indicator.
 */
public record ConfiguredVerifiers(Map<Integer, ProofVerifier> byTypeId) {

  public ConfiguredVerifiers {
    byTypeId = Map.copyOf(byTypeId);
  }

  public Optional<ProofVerifier> forType(final int typeId) {
    return Optional.ofNullable(byTypeId.get(typeId));
  }
}
