package io.zkstateless.common.p2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultiaddrTest {

  private static final String PEER = "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY";

  @ParameterizedTest
  @CsvSource({
    // Binary forms as go-multiaddr / js-multiaddr produce them.
    "/ip4/127.0.0.1/tcp/4001, 047f000001060fa1",
    "/ip4/0.0.0.0/tcp/0, 040000000006" + "0000",
    "/ip6/::1/tcp/8080, 2900000000000000000000000000000001061f90",
    "/ip6/2001:db8::ff00:42:8329/udp/9000/quic-v1, 2920010db8000000000000ff000042832991022328cc03",
    "/dns4/example.com/tcp/443, 360b6578616d706c652e636f6d0601bb",
    "/dns/localhost/tcp/1, 35096c6f63616c686f737406" + "0001",
    "/dns6/a.b/tcp/2, 3703612e6206" + "0002",
    "/ip4/1.2.3.4/tcp/9000/p2p/"
        + PEER
        + ", 0401020304062328a503270025"
        + "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99",
  })
  void convertsBetweenTextAndBinary(final String text, final String hex) {
    final byte[] bytes = Hex.decode(hex.replace(" ", ""));
    final Multiaddr fromText = Multiaddr.fromString(text);
    assertThat(fromText.toBytes()).isEqualTo(bytes);
    assertThat(Multiaddr.fromBytes(bytes)).hasToString(text).isEqualTo(fromText);
  }

  @Test
  void exposesPeerIdAndValues() {
    final Multiaddr addr = Multiaddr.fromString("/ip4/10.0.0.1/tcp/9000");
    assertThat(addr.peerId()).isEmpty();
    final Multiaddr full = addr.withPeerId(PeerId.fromBase58(PEER));
    assertThat(full).hasToString("/ip4/10.0.0.1/tcp/9000/p2p/" + PEER);
    assertThat(full.peerId()).contains(PeerId.fromBase58(PEER));
    assertThat(full.valueOf(MultiaddrProtocol.TCP)).contains("9000");
    assertThat(full.valueOf(MultiaddrProtocol.IP4)).contains("10.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "ip4/1.2.3.4",
        "/ip4/1.2.3.4/",
        "/ip4/1.2.3",
        "/ip4/1.2.3.256",
        "/ip4/01.2.3.4",
        "/ip4/1.2.3.4/tcp",
        "/ip4/1.2.3.4/tcp/65536",
        "/ip4/1.2.3.4/tcp/-1",
        "/ip4/1.2.3.4/tcp/08",
        "/ip6/1::2::3",
        "/ip6/12345::",
        "/ip6/1:2:3:4:5:6:7:8:9",
        "/ip6/1:2:3:4:5:6:7",
        "/ip6/::g",
        "/dns4/a b",
        "/dns4/",
        "/p2p/16Uiu2HA0",
        "/p2p/abc",
        "/foo/1",
        "/quic-v1/x"
      })
  void rejectsMalformedText(final String text) {
    assertThatThrownBy(() -> Multiaddr.fromString(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "04",
        "047f0000",
        "ff",
        "0600",
        "80",
        "8000",
        "ffffffffffffffffff01",
        "3605616263",
        "3600",
        "36ff01",
        "a50302" + "0000",
        "a503030011aa",
        "21"
      })
  void rejectsMalformedBinaryWithProtocolExceptions(final String hex) {
    assertThatThrownBy(() -> Multiaddr.fromBytes(Hex.decode(hex)))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("multiaddr")
        .hasMessageContaining("offset");
  }

  @Test
  void rejectsOversizedBinary() {
    assertThatThrownBy(() -> Multiaddr.fromBytes(new byte[Multiaddr.MAX_BYTES + 1]))
        .isInstanceOf(P2pProtocolException.class);
  }
}
