package io.zkstateless.validator.verify;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.validator.chain.BeaconBlock;

/**
 * Accepts exactly the proofs of the prover's mock worker ({@link MockProofScheme}). Insecure: it
 * proves nothing about execution. For devnets and load tests only.
 */
public final class MockProofVerifier implements ProofVerifier {

  @Override
  public String kind() {
    return "mock";
  }

  @Override
  public VerificationResult verify(final ExecutionProof proof, final BeaconBlock block) {
    return MockProofScheme.check(proof.blockHash(), proof.subnetId().value(), proof.proofData().toArray())
        .<VerificationResult>map(VerificationResult.Invalid::new)
        .orElse(VerificationResult.VALID);
  }
}
