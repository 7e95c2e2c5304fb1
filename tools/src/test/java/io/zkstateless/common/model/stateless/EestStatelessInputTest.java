package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rebuilds the guest input of every block of every recorded EEST zkevm v0.3.3 fixture from the
 * block RLP, its block access list and its {@code executionWitness}, and compares it byte for byte
 * with {@code statelessInputBytes}; the request root must equal the first 32 bytes of {@code
 * statelessOutputBytes}. Nothing here executes a block: the validation flag is checked only as
 * data, against the expectations the fixture names document.
 */
class EestStatelessInputTest {

  private static final StatelessSchemaRevision REVISION = StatelessSchemaRevision.EEST_V0_3_3;

  /**
   * Blocks (1-based) whose witness is broken on purpose, so the reference guest reports failure
   * (execution-spec-tests {@code eip8025_optional_proofs}, spec-witness-and-el section 6).
   */
  private static final Map<String, Set<Integer>> INVALID_WITNESS_BLOCKS =
      Map.of(
          "validation_state_missing_storage_proof_node", Set.of(1),
          "validation_headers_missing_parent_header", Set.of(3),
          "validation_codes_missing_current_frame_code", Set.of(1));

  static List<EestFixtureBlock> blocks() {
    return EestFixtureBlock.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void rebuiltInputEqualsFixtureBytes(final EestFixtureBlock block) {
    final byte[] built = REVISION.encodeInput(statelessInput(block));

    assertSameBytes(built, block.statelessInputBytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void requestRootIsTheOutputRoot(final EestFixtureBlock block) {
    final Bytes32 root = REVISION.newPayloadRequestRoot(statelessInput(block).newPayloadRequest());

    assertThat(root).isEqualTo(Bytes32.wrap(block.statelessOutputBytes(), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void outputIsTheResultOfTheDocumentedOutcome(final EestFixtureBlock block) {
    final StatelessInput input = statelessInput(block);
    final boolean expectedValid =
        !INVALID_WITNESS_BLOCKS.getOrDefault(block.fixture(), Set.of()).contains(block.index() + 1);
    final StatelessValidationResult result =
        new StatelessValidationResult(
            REVISION.newPayloadRequestRoot(input.newPayloadRequest()),
            expectedValid,
            block.chainId());

    assertThat(block.statelessOutputBytes()).hasSize(PublicValuesCodec.SIZE_WITHOUT_SCHEMA_ID);
    assertThat(Hex.encode(REVISION.encodeValidationResult(result)))
        .isEqualTo(Hex.encode(block.statelessOutputBytes()));
    assertThat(PublicValuesCodec.decode(block.statelessOutputBytes())).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void fixtureBytesDecodeToTheRebuiltInput(final EestFixtureBlock block) {
    assertThat(REVISION.decodeInput(block.statelessInputBytes())).isEqualTo(statelessInput(block));
  }

  static StatelessInput statelessInput(final EestFixtureBlock block) {
    final AmsterdamBlock decoded = AmsterdamBlock.decode(block.blockRlp());
    final NewPayloadRequest request =
        NewPayloadRequestBuilder.fromBlock(
            decoded,
            ImmutableBytes.of(EestBlockAccessLists.rlp(block.blockAccessList())),
            ExecutionRequests.EMPTY);
    return new StatelessInput(request, block.witness(), block.chainId(), List.of());
  }

  /** Byte equality; on a mismatch, the message names the first differing offset and its field. */
  private static void assertSameBytes(final byte[] actual, final byte[] expected) {
    final int mismatch = Arrays.mismatch(actual, expected);
    if (mismatch < 0) {
      return;
    }
    final String field =
        SszFieldLocator.locate(
            REVISION.statelessInputSchema(), expected, Math.min(mismatch, expected.length - 1));
    throw new AssertionError(
        "stateless input differs at offset "
            + mismatch
            + " in "
            + field
            + " (built "
            + actual.length
            + " bytes, fixture "
            + expected.length
            + ")");
  }
}
