package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.store.StoredProof;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.VerificationResult;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin: runs the configured verifiers again over a block's stored proofs (after a verifier
 * upgrade, or to audit a suspicious block). Report only: a proof that now fails is reported and
 * logged but stays stored. Removing it would silently un-prove a block that downstream consumers
 * were already told is proven ({@code proven-blocks} has no retraction event), and a failure is as
 * likely a verifier regression as a bad proof; an operator who agrees the proof is bad deletes it
 * and restarts, and the restart rebuilds the proven view from the store, so the view stays
 * consistent with the store at all times.
 */
public class ProofReverifier {

  private static final Logger LOG = LoggerFactory.getLogger(ProofReverifier.class);

  private final ProvenChainService chain;
  private final ProofStore proofs;
  private final ConfiguredVerifiers verifiers;

  public ProofReverifier(final ProvenChainService chain, final ProofStore proofs, final ConfiguredVerifiers verifiers) {
    this.chain = chain;
    this.proofs = proofs;
    this.verifiers = verifiers;
  }

  /** Empty when the view does not hold a block with this beacon root or execution block hash. */
  public Optional<Report> reverify(final Bytes32 rootOrExecutionHash) {
    return chain.status(rootOrExecutionHash).map(status -> reverify(status.block()));
  }

  private Report reverify(final BeaconBlock block) {
    if (!block.hasExecutionPayload()) {
      return new Report(block.root().toHexString(), block.executionBlockHash().toHexString(), List.of());
    }
    final List<Outcome> outcomes = proofs.proofsFor(block.executionBlockHash()).stream()
        .map(stored -> check(stored, block))
        .toList();
    outcomes.stream().filter(o -> !o.result().equals(Outcome.VALID)).forEach(o -> LOG.warn(
        "Re-verification of proof type {} for block {}: {} ({})", o.proofType(), block.root(), o.result(), o.detail()));
    return new Report(block.root().toHexString(), block.executionBlockHash().toHexString(), outcomes);
  }

  private Outcome check(final StoredProof stored, final BeaconBlock block) {
    final Optional<ProofVerifier> verifier = verifiers.forType(stored.proofType());
    if (verifier.isEmpty()) {
      return new Outcome(stored.proofType(), "none", Outcome.NO_VERIFIER, "no verifier configured for this type");
    }
    final ExecutionProof proof = new ExecutionProof(stored.blockHash(), ExecutionProofSubnetId.of(stored.proofType()),
        stored.version(), ImmutableBytes.of(stored.proofData()), stored.proofTimestamp());
    final String kind = verifier.get().kind();
    try {
      return switch (verifier.get().verify(proof, block)) {
        case VerificationResult.Valid valid -> new Outcome(stored.proofType(), kind, Outcome.VALID, "");
        case VerificationResult.Invalid invalid -> new Outcome(stored.proofType(), kind, "invalid", invalid.reason());
        case VerificationResult.Unavailable down -> new Outcome(stored.proofType(), kind, "unavailable", down.reason());
      };
    } catch (final RuntimeException e) {
      LOG.error("Verifier {} failed while re-verifying a proof for {}", kind, block.root(), e);
      return new Outcome(stored.proofType(), kind, "verifier_error", e.getClass().getSimpleName());
    }
  }

  /**
   * The answer of {@code POST /api/v1/admin/blocks/{id}/reverify}.
   *
   * @param failed how many stored proofs did not verify again (they stay stored)
   */
  public record Report(String root, String executionBlockHash, List<Outcome> proofs, int failed) {

    Report(final String root, final String executionBlockHash, final List<Outcome> proofs) {
      this(root, executionBlockHash, proofs, (int) proofs.stream().filter(p -> !p.result().equals(Outcome.VALID)).count());
    }
  }

  /** One stored proof's result: {@code valid}, {@code invalid}, {@code unavailable}, ... */
  public record Outcome(int proofType, String verifier, String result, String detail) {
    static final String VALID = "valid";
    static final String NO_VERIFIER = "no_verifier";
  }
}
