package io.zkstateless.common.p2p.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IdentifyMessageTest {

  private static final byte[] KEY =
      Hex.decode("08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99");

  @Test
  void roundTrips() {
    final IdentifyMessage message =
        new IdentifyMessage(
            KEY,
            List.of(Multiaddr.fromString("/ip4/127.0.0.1/tcp/9000")),
            List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"),
            Optional.of(Multiaddr.fromString("/ip4/10.0.0.2/tcp/5555")),
            "ipfs/0.1.0",
            "zk-stateless/0.1.0");
    final IdentifyMessage decoded = IdentifyMessage.decode(message.encode());
    assertThat(decoded.publicKey()).isEqualTo(KEY);
    assertThat(decoded.listenAddrs()).isEqualTo(message.listenAddrs());
    assertThat(decoded.protocols()).isEqualTo(message.protocols());
    assertThat(decoded.observedAddr()).isEqualTo(message.observedAddr());
    assertThat(decoded.agentVersion()).isEqualTo("zk-stateless/0.1.0");
  }

  @Test
  void skipsAddressesWeCannotParseAndUnknownFields() {
    final byte[] encoded =
        new ProtoWriter()
            .bytes(1, KEY)
            .bytes(2, Hex.decode("047f000001060fa1"))
            // /ip4/127.0.0.1/tcp/4001/ws: code 0x01dd is not one of ours.
            .bytes(2, Hex.decode("047f000001060fa1dd03"))
            .bytes(8, new byte[] {1, 2, 3})
            .toByteArray();
    final IdentifyMessage decoded = IdentifyMessage.decode(encoded);
    assertThat(decoded.listenAddrs()).extracting(Multiaddr::toString)
        .containsExactly("/ip4/127.0.0.1/tcp/4001");
    assertThat(decoded.observedAddr()).isEmpty();
  }

  @Test
  void enforcesItsBounds() {
    assertThatThrownBy(() -> IdentifyMessage.decode(new ProtoWriter().string(5, "x").toByteArray()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("no publicKey");
    final ProtoWriter manyProtocols = new ProtoWriter().bytes(1, KEY);
    for (int i = 0; i <= IdentifyMessage.MAX_PROTOCOLS; i++) {
      manyProtocols.string(3, "/p" + i);
    }
    assertThatThrownBy(() -> IdentifyMessage.decode(manyProtocols.toByteArray()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("more than 256 protocols");
    final ProtoWriter manyAddrs = new ProtoWriter().bytes(1, KEY);
    for (int i = 0; i <= IdentifyMessage.MAX_ADDRS; i++) {
      manyAddrs.bytes(2, Hex.decode("047f000001060fa1"));
    }
    assertThatThrownBy(() -> IdentifyMessage.decode(manyAddrs.toByteArray()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("listen addresses");
    assertThatThrownBy(
            () -> IdentifyMessage.decode(new byte[IdentifyMessage.MAX_MESSAGE_BYTES + 1]))
        .isInstanceOf(P2pProtocolException.class);
  }

  @Property(tries = 500)
  void arbitraryBytesOnlyRaiseProtocolExceptions(@ForAll @Size(max = 100) final byte[] bytes) {
    try {
      IdentifyMessage.decode(bytes);
    } catch (final P2pProtocolException expected) {
      // the documented rejection
    }
  }
}
