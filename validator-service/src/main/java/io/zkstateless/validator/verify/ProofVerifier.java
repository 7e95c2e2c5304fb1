package io.zkstateless.validator.verify;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.validator.chain.BeaconBlock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks one proof of one proof type against the block it claims. Implementations: {@code mock}
 * (devnets, insecure), {@code witness} (integrity of an execution witness), {@code http} (an
 * external EIP-8025 proof verifier).
 */
public interface ProofVerifier {

  /** The configuration name of this verifier kind. */
  String kind();

  VerificationResult verify(ExecutionProof proof, BeaconBlock block);

  /**
   * As {@link #verify}, without holding the caller's thread while waiting on I/O. Local verifiers
   * are CPU-bound and fast, and answer on the caller's thread (the default); a remote one ({@code
   * http}) answers from a thread of its own, so a slow verifier does not hold gossip or Kafka
   * ingest threads.
   */
  default CompletionStage<VerificationResult> verifyAsync(
      final ExecutionProof proof, final BeaconBlock block) {
    return CompletableFuture.completedFuture(verify(proof, block));
  }

  /** Readiness of this verifier; local ones are always available. */
  default VerifierHealth health() {
    return VerifierHealth.LOCAL;
  }
}
