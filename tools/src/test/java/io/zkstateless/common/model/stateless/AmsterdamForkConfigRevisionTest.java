package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestStatelessInputs;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The execution-specs {@code 19f7bdea} layout, with the chain configuration's fork activation. */
class AmsterdamForkConfigRevisionTest {

  private static final StatelessSchemaRevision REVISION =
      StatelessSchemaRevision.AMSTERDAM_1501_FORK_CONFIG;
  private static final List<EestFixtureBlock> BLOCKS = RecordedEestBlocks.all();

  @Property(tries = 60)
  void inputWithAnyActivationRoundTrips(
      @ForAll @IntRange(min = 0, max = 14) final int blockIndex,
      @ForAll final Long activationBlock,
      @ForAll final boolean byBlock,
      @ForAll final long activationTime,
      @ForAll final boolean byTime) {
    final StatelessInput base = EestStatelessInputs.build(BLOCKS.get(blockIndex));
    final ChainConfig config =
        new ChainConfig(
            base.chainId(),
            new ForkActivation(
                byBlock ? OptionalLong.of(activationBlock) : OptionalLong.empty(),
                byTime ? OptionalLong.of(activationTime) : OptionalLong.empty()));
    final StatelessInput input =
        new StatelessInput(base.newPayloadRequest(), base.witness(), config, base.publicKeys());

    final byte[] encoded = REVISION.encodeInput(input);

    assertThat(Arrays.copyOf(encoded, 2)).containsExactly(0x15, 0x01);
    assertThat(REVISION.decodeInput(encoded)).isEqualTo(input);
  }

  @Test
  void chainConfigLayoutIsTheNestedContainerOfOptionals() {
    final ChainConfig config =
        new ChainConfig(1, new ForkActivation(OptionalLong.empty(), OptionalLong.of(12)));

    // chain_id, offset of active_fork (12); active_fork = offset of activation (4);
    // activation = offsets of block_number (8) and timestamp (8), then the one timestamp.
    assertThat(Hex.encode(AmsterdamForkConfigSchemas.CHAIN_CONFIG.encode(config)))
        .isEqualTo(
            "0x0100000000000000"
                + "0c000000"
                + "04000000"
                + "08000000"
                + "08000000"
                + "0c00000000000000");
  }

  @Test
  void resultCarriesTheChainConfigAndNoSchemaId() {
    final StatelessValidationResult result =
        new StatelessValidationResult(
            Bytes32.fromHex("22".repeat(32)),
            false,
            new ChainConfig(1, new ForkActivation(OptionalLong.of(0), OptionalLong.empty())));

    final byte[] encoded = REVISION.encodeValidationResult(result);

    assertThat(encoded).hasSize(32 + 1 + 4 + 8 + 4 + 4 + 8 + 8);
    assertThat(REVISION.decodeValidationResult(encoded)).isEqualTo(result);
  }

  @Test
  void olderRevisionsRefuseAnActivationTheyWouldDrop() {
    final StatelessInput base = EestStatelessInputs.build(BLOCKS.get(0));
    final StatelessInput withActivation =
        new StatelessInput(
            base.newPayloadRequest(),
            base.witness(),
            new ChainConfig(1, new ForkActivation(OptionalLong.of(5), OptionalLong.empty())),
            List.of());
    final StatelessValidationResult result =
        new StatelessValidationResult(Bytes32.ZERO, true, withActivation.chainConfig());

    for (final StatelessSchemaRevision older :
        List.of(StatelessSchemaRevision.EEST_V0_3_3, StatelessSchemaRevision.AMSTERDAM_1501)) {
      assertThatThrownBy(() -> older.encodeInput(withActivation))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only the chain id");
      assertThatThrownBy(() -> older.encodeValidationResult(result))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void activationListsHoldAtMostOneValue() {
    final byte[] twoTimestamps =
        Hex.decode(
            "0x0100000000000000"
                + "0c000000"
                + "04000000"
                + "08000000"
                + "08000000"
                + "0c00000000000000"
                + "0d00000000000000");

    assertThatThrownBy(() -> AmsterdamForkConfigSchemas.CHAIN_CONFIG.decode(twoTimestamps))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void outputLengthsArePinnedPerRevision() {
    final byte[] fortyThree =
        PublicValuesCodec.encode(new StatelessValidationResult(Bytes32.ZERO, true, 1));

    assertThat(StatelessSchemaRevision.AMSTERDAM_1501.decodeValidationResult(fortyThree).chainId())
        .isEqualTo(1);
    assertThatThrownBy(() -> StatelessSchemaRevision.EEST_V0_3_3.decodeValidationResult(fortyThree))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("41 bytes");
  }
}
