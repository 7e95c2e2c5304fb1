package io.zkstateless.common.model.stateless;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.common.model.ssz.SszProgressiveBitlistSchema;
import io.zkstateless.common.model.ssz.SszProgressiveByteListSchema;
import io.zkstateless.common.model.ssz.SszProgressiveListSchema;
import io.zkstateless.common.model.ssz.SszSchema;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes strict decoding of stateless guest inputs of every schema revision and of the progressive
 * types: only {@link SszDecodeException} may escape, and accepted input must re-encode to the same
 * bytes. The first input byte picks the target. Regression mode replays {@code
 * StatelessInputFuzzTestInputs/decode/} (seeds: an EEST v0.3.3 input, the same behind the schema
 * id, and the ethereum/ssz-specs nested-list and bitlist encodings); see common-model/pom.xml for
 * the fuzzing run.
 */
class StatelessInputFuzzTest {

  private static final List<SszSchema<?>> PROGRESSIVE_SCHEMAS =
      List.of(
          new SszProgressiveListSchema<>(SszProgressiveByteListSchema.INSTANCE),
          SszProgressiveBitlistSchema.INSTANCE,
          Amsterdam1501Schemas.EXECUTION_PAYLOAD,
          Amsterdam1501Schemas.EXECUTION_REQUESTS);

  @FuzzTest(maxDuration = "10m")
  void decode(final byte[] input) {
    if (input.length == 0) {
      return;
    }
    final int revisions = StatelessSchemaRevision.values().length;
    final int target = (input[0] & 0xff) % (revisions + PROGRESSIVE_SCHEMAS.size());
    final byte[] body = Arrays.copyOfRange(input, 1, input.length);
    if (target < revisions) {
      checkInput(StatelessSchemaRevision.values()[target], body);
    } else {
      checkSchema(PROGRESSIVE_SCHEMAS.get(target - revisions), body);
    }
  }

  private static void checkInput(final StatelessSchemaRevision revision, final byte[] body) {
    final StatelessInput decoded;
    try {
      decoded = revision.decodeInput(body);
    } catch (final SszDecodeException rejected) {
      return;
    }
    if (!Arrays.equals(revision.encodeInput(decoded), body)) {
      throw new AssertionError(revision + " accepted a non-canonical input");
    }
    revision.newPayloadRequestRoot(decoded.newPayloadRequest());
  }

  private static <T> void checkSchema(final SszSchema<T> schema, final byte[] body) {
    final T decoded;
    try {
      decoded = schema.decode(body);
    } catch (final SszDecodeException rejected) {
      return;
    }
    if (!Arrays.equals(schema.encode(decoded), body)) {
      throw new AssertionError(schema.typeName() + " accepted a non-canonical encoding");
    }
    schema.hashTreeRoot(decoded);
  }
}
