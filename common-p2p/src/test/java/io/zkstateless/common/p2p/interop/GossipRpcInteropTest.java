package io.zkstateless.common.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.GossipRpc;
import io.zkstateless.common.p2p.gossip.GossipRpcCodec;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Our gossipsub RPC codec against @libp2p/gossipsub 17.1.1's protobuf code, byte for byte. */
class GossipRpcInteropTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/beacon_block/ssz_snappy";
  private final GossipRpcCodec codec = new GossipRpcCodec(RpcLimits.ETH2);

  @BeforeEach
  void requireNode() {
    final Optional<String> unavailable = JsLibp2pPeer.unavailableReason();
    assumeTrue(
        unavailable.isEmpty(),
        () -> "Skipping js gossipsub codec check: " + unavailable.orElse(""));
  }

  /** The same RPC as {@code rpc-codec.mjs sample}. */
  private static GossipRpc sample() {
    final byte[] id = new byte[20];
    Arrays.fill(id, (byte) 0x11);
    return new GossipRpc(
        List.of(new Subscription(true, TOPIC), new Subscription(false, "/x")),
        List.of(GossipMessage.unsigned(TOPIC, new byte[] {1, 2, 3, 4, 5})),
        new Control(
            List.of(new IHave(TOPIC, List.of(id, id))),
            List.of(new IWant(List.of(id))),
            List.of(new Graft(TOPIC)),
            List.of(new Prune(TOPIC, List.of(), Optional.of(60L))),
            List.of()));
  }

  @Test
  void encodesExactlyAsJsAndDecodesJsBytes() throws Exception {
    final String js = JsLibp2pPeer.runScript("rpc-codec.mjs", "sample");
    assertThat(Hex.encodeBare(codec.encode(sample()))).isEqualTo(js);
    final GossipRpc decoded = codec.decode(Hex.decode(js));
    assertThat(decoded.subscriptions()).isEqualTo(sample().subscriptions());
    assertThat(decoded.messages().get(0).data()).containsExactly(1, 2, 3, 4, 5);
    assertThat(decoded.messages().get(0).violatesStrictNoSign()).isFalse();
    assertThat(decoded.control().prune().get(0).backoffSeconds()).contains(60L);
  }

  @Test
  void jsDecodesWhatWeEncode() throws Exception {
    final GossipRpc rpc =
        new GossipRpc(
            List.of(),
            List.of(
                GossipMessage.unsigned(TOPIC, new byte[] {9}),
                new GossipMessage(
                    "/t",
                    new byte[0],
                    Optional.of(new byte[] {1}),
                    Optional.of(new byte[8]),
                    Optional.empty(),
                    Optional.empty())),
            Control.EMPTY);
    final JsonNode js =
        JsonMapper.builder()
            .build()
            .readTree(
                JsLibp2pPeer.runScript(
                    "rpc-codec.mjs", "decode", Hex.encodeBare(codec.encode(rpc))));
    assertThat(js.get("messages").get(0).get("topic").asString()).isEqualTo(TOPIC);
    assertThat(js.get("messages").get(0).get("data").asString()).isEqualTo("09");
    assertThat(js.get("messages").get(0).get("signingFields")).isEmpty();
    assertThat(js.get("messages").get(1).get("signingFields").toString())
        .isEqualTo("[\"from\",\"seqno\"]");
  }
}
