package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.tools.BlockChecker;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestStatelessInputs;
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
    return RecordedEestBlocks.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void rebuiltInputEqualsFixtureBytes(final EestFixtureBlock block) {
    final byte[] built = REVISION.encodeInput(EestStatelessInputs.build(block));

    assertThat(BlockChecker.inputProblem(built, block.statelessInputBytes())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void requestRootIsTheOutputRoot(final EestFixtureBlock block) {
    final Bytes32 root =
        REVISION.newPayloadRequestRoot(EestStatelessInputs.build(block).newPayloadRequest());

    assertThat(root).isEqualTo(Bytes32.wrap(block.statelessOutputBytes(), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void outputIsTheResultOfTheDocumentedOutcome(final EestFixtureBlock block) {
    final StatelessInput input = EestStatelessInputs.build(block);
    final boolean expectedValid =
        !INVALID_WITNESS_BLOCKS.getOrDefault(block.source(), Set.of()).contains(block.index() + 1);
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
    assertThat(REVISION.decodeInput(block.statelessInputBytes()))
        .isEqualTo(EestStatelessInputs.build(block));
  }
}
