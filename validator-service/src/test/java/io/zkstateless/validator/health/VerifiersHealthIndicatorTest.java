package io.zkstateless.validator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.ingest.ConfiguredVerifiers;
import io.zkstateless.validator.verify.MockProofVerifier;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.VerificationResult;
import io.zkstateless.validator.verify.VerifierHealth;
import io.zkstateless.validator.verify.witness.WitnessProofVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class VerifiersHealthIndicatorTest {

  private static final ProofTypeRegistry TYPES = ProofTypeRegistry.defaults();
  private static final int MOCK = TYPES.findByName("mock").orElseThrow().id();
  private static final int WITNESS = TYPES.findByName("witness").orElseThrow().id();

  @Test
  void localVerifiersAreAlwaysUpAndNamedPerProofType() {
    final Health health = new VerifiersHealthIndicator(new ConfiguredVerifiers(
        Map.of(MOCK, new MockProofVerifier(), WITNESS, new WitnessProofVerifier())), TYPES).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsOnlyKeys("mock", "witness");
    assertThat(health.getDetails().get("witness"))
        .isEqualTo(Map.of("kind", "witness", "available", true, "detail", "local"));
  }

  @Test
  void aVerifierThatCannotVerifyTakesTheServiceOutOfService() {
    final ProofVerifier breakerOpen = new ProofVerifier() {
      @Override
      public String kind() {
        return "http";
      }

      @Override
      public VerificationResult verify(final ExecutionProof proof, final BeaconBlock block) {
        return new VerificationResult.Unavailable("breaker open");
      }

      @Override
      public VerifierHealth health() {
        return VerifierHealth.unavailable("breaker open since 10:00:00Z");
      }
    };
    final Health health = new VerifiersHealthIndicator(new ConfiguredVerifiers(
        Map.of(MOCK, new MockProofVerifier(), WITNESS, breakerOpen)), TYPES).health();
    assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(health.getDetails().get("witness"))
        .isEqualTo(Map.of("kind", "http", "available", false, "detail", "breaker open since 10:00:00Z"));
    assertThat(health.getDetails().get("mock")).isEqualTo(Map.of("kind", "mock", "available", true, "detail", "local"));
  }
}
