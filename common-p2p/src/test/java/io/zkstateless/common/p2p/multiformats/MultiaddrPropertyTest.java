package io.zkstateless.common.p2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class MultiaddrPropertyTest {

  @Property
  void ip6AndTcpRoundTripThroughTextAndBinary(
      @ForAll @Size(8) final List<@IntRange(max = 3) Integer> selectors,
      @ForAll @IntRange(max = 65535) final int port) {
    // Few distinct group values so runs of zeros (the :: cases) are common.
    final int[] choices = {0, 0, 1, 0xabcd};
    final StringBuilder full = new StringBuilder();
    for (final int s : selectors) {
      full.append(full.length() == 0 ? "" : ":").append(Integer.toHexString(choices[s]));
    }
    final Multiaddr parsed = Multiaddr.fromString("/ip6/" + full + "/tcp/" + port);
    final Multiaddr again = Multiaddr.fromString(parsed.toString());
    assertThat(again).isEqualTo(parsed);
    assertThat(Multiaddr.fromBytes(parsed.toBytes())).hasToString(parsed.toString());
    assertThat(parsed.toString()).doesNotContain(":::");
  }

  @Property(tries = 2000)
  void arbitraryBytesOnlyRaiseProtocolExceptions(@ForAll @Size(max = 80) final byte[] bytes) {
    try {
      final Multiaddr addr = Multiaddr.fromBytes(bytes);
      assertThat(Multiaddr.fromString(addr.toString()).toBytes()).isEqualTo(bytes);
    } catch (final P2pProtocolException expected) {
      // the documented rejection
    }
  }

  @Property
  void uvarintRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) final long value) {
    final byte[] encoded = Uvarint.encode(value);
    assertThat(encoded).hasSize(Uvarint.size(value));
    assertThat(Uvarint.decode(encoded, 0, "test"))
        .isEqualTo(new Uvarint.Decoded(value, encoded.length));
  }
}
