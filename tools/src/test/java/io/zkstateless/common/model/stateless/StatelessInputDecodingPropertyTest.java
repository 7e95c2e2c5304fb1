package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestStatelessInputs;
import io.zkstateless.tools.SszFieldLocator;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Guest inputs are built by us but decoded from untrusted places too (a prover's queue, a test
 * corpus), so decoding must either return the exact value or raise a {@link DecodeException}, and
 * every encodable input must round-trip.
 */
class StatelessInputDecodingPropertyTest {

  private static final List<EestFixtureBlock> BLOCKS = RecordedEestBlocks.all();

  @Property(tries = 300)
  void corruptedFixtureBytesDecodeOrFailCleanly(
      @ForAll @IntRange(min = 0, max = 14) final int blockIndex,
      @ForAll @IntRange(min = 0, max = 100_000) final int position,
      @ForAll final byte replacement,
      @ForAll final boolean truncate) {
    final byte[] original = BLOCKS.get(blockIndex).statelessInputBytes();
    final int at = position % original.length;
    final byte[] corrupted;
    if (truncate) {
      corrupted = java.util.Arrays.copyOf(original, at);
    } else {
      corrupted = original.clone();
      corrupted[at] = replacement;
    }
    for (final StatelessSchemaRevision revision : StatelessSchemaRevision.values()) {
      try {
        final StatelessInput decoded = revision.decodeInput(corrupted);
        // Whatever decodes must be canonical: it re-encodes to the same bytes.
        assertThat(revision.encodeInput(decoded)).isEqualTo(corrupted);
      } catch (final DecodeException expected) {
        assertThat(expected.offset()).isBetween(0L, (long) corrupted.length);
      }
    }
  }

  @Property(tries = 100)
  void witnessesOfAnyShapeRoundTrip(
      @ForAll @IntRange(min = 0, max = 14) final int blockIndex,
      @ForAll @Size(max = 20) final List<@Size(max = 600) byte[]> state,
      @ForAll @Size(max = 5) final List<@Size(max = 900) byte[]> codes,
      @ForAll @Size(max = 5) final List<@Size(max = 600) byte[]> headers) {
    final StatelessInput base = EestStatelessInputs.build(BLOCKS.get(blockIndex));
    final StatelessInput input =
        new StatelessInput(
            base.newPayloadRequest(),
            new ExecutionWitness(bytes(state), bytes(codes), List.of(), bytes(headers)),
            base.chainId(),
            List.of(ImmutableBytes.of(new byte[StatelessInput.PUBLIC_KEY_SIZE])));

    for (final StatelessSchemaRevision revision : StatelessSchemaRevision.values()) {
      assertThat(revision.decodeInput(revision.encodeInput(input))).isEqualTo(input);
    }
  }

  @Test
  void mismatchIsReportedWithTheFieldItFallsIn() {
    final byte[] expected = BLOCKS.get(0).statelessInputBytes();
    final StatelessSchemaRevision revision = StatelessSchemaRevision.EEST_V0_3_3;
    // The payload's fixed part starts 20 + 44 bytes in; gas_used sits at 420 within it.
    final int gasUsed = 20 + 44 + 420;

    assertThat(SszFieldLocator.locate(revision.statelessInputSchema(), expected, gasUsed + 3))
        .isEqualTo("StatelessInput.new_payload_request.execution_payload.gas_used +3");
    assertThat(SszFieldLocator.locate(revision.statelessInputSchema(), expected, 4))
        .isEqualTo("StatelessInput.witness (its offset)");
    final int lastByte = expected.length - 1;
    assertThat(SszFieldLocator.locate(revision.statelessInputSchema(), expected, lastByte))
        .startsWith("StatelessInput.witness.headers[");
  }

  @Test
  void truncatedInputNamesThePlaceItBroke() {
    final byte[] bytes = BLOCKS.get(0).statelessInputBytes();

    assertThatThrownBy(
            () ->
                StatelessSchemaRevision.EEST_V0_3_3.decodeInput(
                    java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("StatelessInput");
  }

  private static List<ImmutableBytes> bytes(final List<byte[]> raw) {
    final List<ImmutableBytes> out = new ArrayList<>();
    for (final byte[] item : raw) {
      out.add(ImmutableBytes.of(item));
    }
    return out;
  }
}
