package io.zkstateless.validator.verify;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.validator.chain.BeaconBlock;

/**
 * Checks one proof of one proof type against the block it claims. Implementations: {@code mock}
 * (devnets, insecure), {@code witness} (integrity of an execution witness), {@code http} (an
 * external EIP-8025 proof verifier).
 */
public interface ProofVerifier {

  /** The configuration name of this verifier kind. */
  String kind();

  VerificationResult verify(ExecutionProof proof, BeaconBlock block);

  /** Readiness of this verifier; local ones are always available. */
  default VerifierHealth health() {
    return VerifierHealth.LOCAL;
  }
}
