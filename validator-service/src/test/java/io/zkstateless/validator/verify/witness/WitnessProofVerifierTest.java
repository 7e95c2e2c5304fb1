package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.WitnessProofFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.verify.VerificationResult;
import io.zkstateless.validator.verify.witness.WitnessFixtures.WitnessedBlock;
import java.time.Instant;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

class WitnessProofVerifierTest {

  private static final WitnessProofVerifier VERIFIER = new WitnessProofVerifier();
  private static final WitnessedBlock MAINNET = WitnessFixtures.real("mainnet-24628608");

  @Test
  void kindIsWitness() {
    assertThat(VERIFIER.kind()).isEqualTo("witness");
  }

  @Test
  void largestRealWitnessVerifiesEndToEnd() {
    assertThat(VERIFIER.verify(proof(MAINNET, 1), beacon(MAINNET.hash(), MAINNET.number())))
        .isEqualTo(VerificationResult.VALID);
  }

  @Test
  void eestBlockWithoutItsParentHeaderIsInvalid() {
    final WitnessedBlock third =
        WitnessFixtures.eest("validation_headers_missing_parent_header").get(2);
    invalidReason(proof(third, 1), beacon(third.hash(), third.number()))
        .contains("lacks the parent header");
  }

  @Test
  void otherVersionIsInvalid() {
    invalidReason(proof(MAINNET, 2), beacon(MAINNET.hash(), MAINNET.number()))
        .isEqualTo("unsupported witness proof version 2, expected 1");
  }

  @Test
  void proofForAnotherBlockIsInvalid() {
    final Bytes32 other = Bytes32.fromHex("0x" + "11".repeat(32));
    invalidReason(proof(MAINNET, 1), beacon(other, MAINNET.number()))
        .startsWith("proof is for block " + MAINNET.hash());
  }

  @Test
  void headerThatDoesNotMatchTheBeaconBlockNumberIsInvalid() {
    invalidReason(proof(MAINNET, 1), beacon(MAINNET.hash(), MAINNET.number() - 1))
        .contains("block header number " + MAINNET.number());
  }

  @Test
  void garbageProofDataIsInvalidNotAnException() {
    final ExecutionProof garbage =
        new ExecutionProof(
            MAINNET.hash(),
            ExecutionProofSubnetId.of(0),
            1,
            ImmutableBytes.of(new byte[] {5, 0x7f, 1, 2}),
            0);
    invalidReason(garbage, beacon(MAINNET.hash(), MAINNET.number()))
        .startsWith("malformed witness proof data: snappy decode error");
  }

  private static AbstractStringAssert<?> invalidReason(
      final ExecutionProof proof, final BeaconBlock block) {
    final VerificationResult result = VERIFIER.verify(proof, block);
    assertThat(result).isInstanceOf(VerificationResult.Invalid.class);
    return assertThat(((VerificationResult.Invalid) result).reason());
  }

  private static ExecutionProof proof(final WitnessedBlock block, final long version) {
    return new ExecutionProof(
        block.hash(),
        ExecutionProofSubnetId.of(0),
        version,
        ImmutableBytes.of(WitnessProofFormat.encode(block.proof())),
        1_760_000_000L);
  }

  private static BeaconBlock beacon(final Bytes32 executionHash, final long executionNumber) {
    return new BeaconBlock(
        Bytes32.fromHex("0x" + "aa".repeat(32)),
        100,
        Bytes32.fromHex("0x" + "bb".repeat(32)),
        executionHash,
        executionNumber,
        Instant.EPOCH);
  }
}
