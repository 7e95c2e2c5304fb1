package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.WitnessProof;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.VerificationResult;

/**
 * The {@code witness} verifier (subnet 0): decodes {@link WitnessProofFormat} proof data and runs
 * {@link WitnessIntegrityChecker} against the execution block the beacon block commits to. It
 * proves the witness is an intact, anchored piece of the parent state; it does not re-execute the
 * block, so it cannot tell a valid block from an invalid one on its own.
 */
public final class WitnessProofVerifier implements ProofVerifier {

  /** The only {@code version} of witness proof data defined so far. */
  public static final long FORMAT_VERSION = 1;

  @Override
  public String kind() {
    return "witness";
  }

  @Override
  public VerificationResult verify(final ExecutionProof proof, final BeaconBlock block) {
    if (proof.version() != FORMAT_VERSION) {
      return new VerificationResult.Invalid(
          "unsupported witness proof version " + proof.version() + ", expected " + FORMAT_VERSION);
    }
    if (!proof.blockHash().equals(block.executionBlockHash())) {
      return new VerificationResult.Invalid(
          "proof is for block "
              + proof.blockHash()
              + ", the beacon block has "
              + block.executionBlockHash());
    }
    final WitnessProof content;
    try {
      content = WitnessProofFormat.decode(proof.proofData().toArray());
    } catch (final DecodeException e) {
      return new VerificationResult.Invalid("malformed witness proof data: " + e.getMessage());
    }
    final WitnessCheckResult result =
        WitnessIntegrityChecker.check(
            content.blockHeader().toArray(),
            block.executionBlockHash(),
            block.executionBlockNumber(),
            content.witness());
    return switch (result) {
      case WitnessCheckResult.Passed passed -> VerificationResult.VALID;
      case WitnessCheckResult.Failed failed -> new VerificationResult.Invalid(failed.reason());
    };
  }
}
