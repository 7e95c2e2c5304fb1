package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.WitnessProof;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile witness proof data: decoding may only raise a {@link DecodeException}; whatever decodes
 * must survive re-encoding, and the checker must answer (pass or fail) without throwing. The
 * checker is given the hash and number of the decoded header itself, so inputs get past the first
 * check and reach the header chain, trie nodes and key walks.
 */
class WitnessProofFormatFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeAndCheck(final byte[] input) {
    final WitnessProof proof;
    try {
      proof = WitnessProofFormat.decode(input);
    } catch (final DecodeException rejected) {
      return;
    }
    if (!WitnessProofFormat.decode(WitnessProofFormat.encode(proof)).equals(proof)) {
      throw new AssertionError("decoded proof does not survive re-encoding");
    }
    final byte[] header = proof.blockHeader().toArray();
    final ExecutionHeader decoded;
    try {
      decoded = ExecutionHeader.decode(header);
    } catch (final RlpDecodeException notAHeader) {
      return;
    }
    final WitnessCheckResult result =
        WitnessIntegrityChecker.check(header, decoded.hash(), decoded.number(), proof.witness());
    if (result == null) {
      throw new AssertionError("no result");
    }
  }

  /**
   * The richest seed is a real EEST block with one key (slot 0 of the withdrawal-request contract,
   * empty before the block), so fuzzing starts from a passing witness.
   */
  @Test
  void eestSeedDecodesAndPasses() throws IOException {
    final byte[] seed;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "WitnessProofFormatFuzzTestInputs/decodeAndCheck/eest-nested-calls-block-1")) {
      seed = in.readAllBytes();
    }
    final WitnessProof proof = WitnessProofFormat.decode(seed);
    final ExecutionHeader header = ExecutionHeader.decode(proof.blockHeader().toArray());
    final WitnessCheckResult result =
        WitnessIntegrityChecker.check(
            proof.blockHeader().toArray(), header.hash(), header.number(), proof.witness());
    assertThat(result).isEqualTo(new WitnessCheckResult.Passed(new KeyWalkStats(1, 0, 0, 1, 0)));
  }
}
