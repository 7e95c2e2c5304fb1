package io.zkstateless.common.model.proof;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.common.model.ssz.SszMutations;

/**
 * Fuzzes {@link ExecutionProofSchema#decode}: gossip and Kafka bytes are untrusted, so only {@link
 * SszDecodeException} may escape, and any accepted input must be the canonical encoding.
 *
 * <p>Regression mode (every build) replays {@code ExecutionProofFuzzTestInputs/decode/}; see
 * common-model/pom.xml for the bounded fuzzing run and the longer command.
 */
class ExecutionProofFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void decode(final byte[] input) {
    SszMutations.checkDecodeContract(ExecutionProofSchema.DEFAULT, input);
  }
}
