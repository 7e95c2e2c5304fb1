package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IDontWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.PeerInfo;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;
import io.zkstateless.common.test.Fixtures;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GossipRpcCodecTest {

  private static final JsonNode GOSSIP = Fixtures.libp2pVectors().get("gossip");
  private static final String TOPIC = GOSSIP.get("topic").asString();
  private final GossipRpcCodec codec = new GossipRpcCodec(RpcLimits.ETH2);

  @Test
  void encodesSubscriptionsAndStrictNoSignMessagesInFieldOrder() {
    final byte[] data = Hex.decode(GOSSIP.get("snappyBlockHex").asString());
    final GossipRpc rpc =
        new GossipRpc(
            List.of(new Subscription(true, "/t")),
            List.of(GossipMessage.unsigned("/t", new byte[] {7})),
            Control.EMPTY);
    // RPC{subscriptions=[{subscribe=1, topicid="/t"}], publish=[{data=07, topic="/t"}]}
    assertThat(Hex.encodeBare(codec.encode(rpc)))
        .isEqualTo("0a06" + "0801" + "12022f74" + "1207" + "120107" + "22022f74");
    final GossipRpc real =
        new GossipRpc(List.of(), List.of(GossipMessage.unsigned(TOPIC, data)), Control.EMPTY);
    final GossipMessage decoded = codec.decode(codec.encode(real)).messages().get(0);
    assertThat(decoded.topic()).isEqualTo(TOPIC);
    assertThat(decoded.data()).isEqualTo(data);
    assertThat(decoded.violatesStrictNoSign()).isFalse();
  }

  @Test
  void roundTripsControlMessages() {
    final byte[] id = new byte[20];
    final Control control =
        new Control(
            List.of(new IHave(TOPIC, List.of(id, id))),
            List.of(new IWant(List.of(id))),
            List.of(new Graft(TOPIC)),
            List.of(
                new Prune(
                    TOPIC,
                    List.of(new PeerInfo(Optional.of(new byte[] {1}), Optional.empty())),
                    Optional.of(60L))),
            List.of(new IDontWant(List.of(id))));
    final GossipRpc decoded =
        codec.decode(codec.encode(new GossipRpc(List.of(), List.of(), control)));
    assertThat(decoded.control().ihave().get(0).messageIds()).hasSize(2);
    assertThat(decoded.control().iwant().get(0).messageIds().get(0)).isEqualTo(id);
    assertThat(decoded.control().graft()).containsExactly(new Graft(TOPIC));
    assertThat(decoded.control().prune().get(0).backoffSeconds()).contains(60L);
    assertThat(decoded.control().prune().get(0).peers().get(0).peerId().orElseThrow())
        .containsExactly(1);
    assertThat(decoded.control().idontwant()).hasSize(1);
  }

  @Test
  void detectsSigningFieldsEvenWhenEmpty() {
    // from=1 present with zero length: StrictNoSign requires it to be absent altogether.
    final byte[] message =
        new ProtoWriter()
            .bytes(1, new byte[0])
            .bytes(2, new byte[] {1})
            .string(4, "/t")
            .toByteArray();
    final byte[] rpc = new ProtoWriter().bytes(2, message).toByteArray();
    assertThat(codec.decode(rpc).messages().get(0).violatesStrictNoSign()).isTrue();
  }

  @Test
  void enforcesLimits() {
    final RpcLimits small = new RpcLimits(1000, 10, 2, 2, 3, 4, 1, 16, 8);
    final GossipRpcCodec strict = new GossipRpcCodec(small);
    final ProtoWriter subs = new ProtoWriter();
    for (int i = 0; i < 3; i++) {
      subs.bytes(1, new ProtoWriter().varint(1, 1).string(2, "/t").toByteArray());
    }
    assertRejected(strict, subs.toByteArray(), "too many subscriptions");
    // Five message ids spread over two IHAVEs exceed the RPC-wide limit of four.
    final ProtoWriter ihave = new ProtoWriter().string(1, "/t");
    for (int i = 0; i < 3; i++) {
      ihave.bytes(2, new byte[] {(byte) i});
    }
    final byte[] entry = ihave.toByteArray();
    final byte[] control = new ProtoWriter().bytes(1, entry).bytes(1, entry).toByteArray();
    assertRejected(
        strict, new ProtoWriter().bytes(3, control).toByteArray(), "more than 4 message ids");
    assertRejected(
        strict,
        new ProtoWriter()
            .bytes(2, new ProtoWriter().bytes(2, new byte[11]).string(4, "/t").toByteArray())
            .toByteArray(),
        "exceeds the limit 10");
    assertRejected(
        strict,
        new ProtoWriter()
            .bytes(2, new ProtoWriter().bytes(2, new byte[1]).toByteArray())
            .toByteArray(),
        "message without topic");
    assertRejected(strict, new byte[1001], "RPC of 1001 bytes");
  }

  @Test
  void rejectsALengthWithTheSignBitSet() {
    // Found by the property below: a 10-byte varint length that is negative as a long.
    assertRejected(codec, Hex.decode("0afffffffff6ffffffff01"), "exceeds");
  }

  @Property(tries = 1000)
  void arbitraryBytesOnlyRaiseProtocolExceptions(@ForAll @Size(max = 120) final byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (final P2pProtocolException expected) {
      // the documented rejection
    }
  }

  private static void assertRejected(
      final GossipRpcCodec codec, final byte[] rpc, final String message) {
    assertThatThrownBy(() -> codec.decode(rpc))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("gossipsub rpc")
        .hasMessageContaining(message);
  }
}
