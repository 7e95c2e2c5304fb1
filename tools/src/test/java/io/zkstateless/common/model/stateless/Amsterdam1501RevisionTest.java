package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestStatelessInputs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema revision {@code 0x1501} on the EEST blocks. No fixture of this revision was recorded, so
 * the roots below come from an independent Python transcription of the EIP-7916/7495 merkleization
 * (not from this code; the transcription reproduces the ethereum/ssz-specs vectors), and the layout
 * is checked by round trips and by the properties that distinguish it from v0.3.3.
 */
class Amsterdam1501RevisionTest {

  private static final StatelessSchemaRevision REVISION = StatelessSchemaRevision.AMSTERDAM_1501;

  static List<EestFixtureBlock> blocks() {
    return RecordedEestBlocks.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void inputRoundTripsBehindTheSchemaId(final EestFixtureBlock block) {
    final StatelessInput input = EestStatelessInputs.build(block);

    final byte[] encoded = REVISION.encodeInput(input);

    assertThat(Arrays.copyOf(encoded, 2)).containsExactly(0x15, 0x01);
    assertThat(REVISION.decodeInput(encoded)).isEqualTo(input);
    // Progressive lists serialize like lists and the chain id like its one-field container, so
    // the only difference from v0.3.3 is the prefix and the execution requests: a container of
    // five (empty) lists, i.e. five 4-byte offsets, instead of an empty list.
    assertThat(encoded).hasSize(2 + block.statelessInputBytes().length + 5 * 4);
  }

  @Test
  void requestRootsFollowTheProgressiveMerkleization() {
    final List<EestFixtureBlock> blocks = blocks();
    final EestFixtureBlock delegation = find(blocks, "witness_codes_delegation_chain", 0);
    final EestFixtureBlock headers =
        find(blocks, "witness_headers_max_wins_across_multiple_transactions", 5);

    assertThat(root(delegation))
        .isEqualTo(
            Bytes32.fromHex("14337d8acf34e50b8aee9ea6ae3d880bc56553360272a23e0a776a9acfa73431"));
    assertThat(root(headers))
        .isEqualTo(
            Bytes32.fromHex("066e84796e615dba98f804a9aa893175951aa623db03a99fc980076ae6c372c0"));
    assertThat(root(delegation))
        .isNotEqualTo(
            StatelessSchemaRevision.EEST_V0_3_3.newPayloadRequestRoot(request(delegation)));
  }

  @Test
  void rejectsMissingOrForeignSchemaId() {
    final byte[] encoded = REVISION.encodeInput(EestStatelessInputs.build(blocks().get(0)));
    final byte[] foreign = encoded.clone();
    foreign[0] = 0x16;

    assertThatThrownBy(() -> REVISION.decodeInput(new byte[] {0x15}))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("no schema id");
    assertThatThrownBy(() -> REVISION.decodeInput(foreign))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("0x1601");
  }

  @Test
  void outputCarriesTheSchemaId() {
    final StatelessValidationResult result =
        new StatelessValidationResult(Bytes32.fromHex("11".repeat(32)), true, 1);

    assertThat(REVISION.encodeValidationResult(result)).hasSize(43).endsWith(0x01, 0x15);
  }

  private static Bytes32 root(final EestFixtureBlock block) {
    return REVISION.newPayloadRequestRoot(request(block));
  }

  private static NewPayloadRequest request(final EestFixtureBlock block) {
    return EestStatelessInputs.build(block).newPayloadRequest();
  }

  private static EestFixtureBlock find(
      final List<EestFixtureBlock> blocks, final String fixture, final int index) {
    return blocks.stream()
        .filter(b -> b.source().equals(fixture) && b.index() == index)
        .findFirst()
        .orElseThrow();
  }
}
