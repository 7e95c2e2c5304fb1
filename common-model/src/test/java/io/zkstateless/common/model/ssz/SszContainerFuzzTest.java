package io.zkstateless.common.model.ssz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes strict decoding of nested containers, lists, vectors and bitlists: only {@link
 * SszDecodeException} may escape, and accepted input must re-encode to the same bytes. The first
 * input byte picks the schema, so one target covers several shapes.
 *
 * <p>Regression mode (every build) replays {@code SszContainerFuzzTestInputs/decode/}; see
 * common-model/pom.xml for the bounded fuzzing run and the longer command.
 */
class SszContainerFuzzTest {

  private static final List<SszSchema<?>> SCHEMAS =
      List.of(
          SszTestStructs.COMPLEX_TEST_STRUCT,
          SszTestStructs.BITS_STRUCT,
          SszTestStructs.VAR_TEST_STRUCT,
          new SszListSchema<>(SszTestStructs.VAR_TEST_STRUCT, 8),
          new SszListSchema<>(new SszBitlistSchema(20), 4),
          new SszVectorSchema<>(new SszListSchema<>(SszBooleanSchema.BOOLEAN, 3), 2));

  @FuzzTest(maxDuration = "10m")
  void decode(final byte[] input) {
    if (input.length == 0) {
      return;
    }
    final SszSchema<?> schema = SCHEMAS.get((input[0] & 0xff) % SCHEMAS.size());
    final byte[] body = Arrays.copyOfRange(input, 1, input.length);
    SszMutations.checkDecodeContract(schema, body);
  }
}
