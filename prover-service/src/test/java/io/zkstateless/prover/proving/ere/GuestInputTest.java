package io.zkstateless.prover.proving.ere;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** ere's stdin framing and the canonical header order of the guest input. */
class GuestInputTest {

  @Test
  void thePrefixIsTheLengthAsALittleEndianU32() {
    final byte[] framed = GuestInput.prefixed(new byte[0x010203]);
    assertThat(framed).startsWith(0x03, 0x02, 0x01, 0x00);
    assertThat(framed).hasSize(4 + 0x010203);
  }

  @Property(tries = 200)
  void theGuestReadsBackExactlyWhatWasFramed(@ForAll @Size(max = 4096) final byte[] input) {
    assertThat(FakeEreServer.guestBytes(GuestInput.prefixed(input))).isEqualTo(input);
  }

  @Test
  void besusParentFirstHeadersAreReversedOthersKept() {
    final List<ImmutableBytes> ascending = List.of(header(5), header(6), header(7));
    final List<ImmutableBytes> parentFirst = new ArrayList<>(ascending).reversed();

    assertThat(WitnessHeaders.ascending(ascending)).isEqualTo(ascending);
    assertThat(WitnessHeaders.ascending(parentFirst)).isEqualTo(ascending);
    assertThat(WitnessHeaders.ascending(List.of(header(9)))).containsExactly(header(9));
  }

  /** A header-shaped RLP list whose 9th field (number) is {@code number}. */
  private static ImmutableBytes header(final long number) {
    final List<byte[]> fields = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fields.add(RlpWriter.encodeBytes(new byte[32]));
    }
    fields.add(RlpWriter.encodeLong(number));
    return ImmutableBytes.of(RlpWriter.encodeList(fields));
  }
}
