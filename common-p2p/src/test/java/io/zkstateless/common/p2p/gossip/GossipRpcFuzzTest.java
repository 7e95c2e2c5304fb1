package io.zkstateless.common.p2p.gossip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import java.util.Arrays;

/**
 * One gossipsub RPC protobuf under the eth2 limits, as {@link MeshsubTransport} hands it over: only
 * {@link P2pProtocolException} escapes, counts and sizes are checked before anything is allocated
 * for them, and an accepted RPC encodes to bytes that decode and encode to the same bytes.
 */
class GossipRpcFuzzTest {

  private static final GossipRpcCodec CODEC = new GossipRpcCodec(RpcLimits.ETH2);
  private static final long BUDGET = 256 * 1024;

  @FuzzTest(maxDuration = "5s")
  void decode(final byte[] input) {
    final GossipRpc rpc =
        WireFuzzing.decode(
            P2pProtocolException.class, BUDGET + 16L * input.length, () -> CODEC.decode(input));
    if (rpc == null) {
      return;
    }
    final byte[] encoded = CODEC.encode(rpc);
    if (!Arrays.equals(CODEC.encode(CODEC.decode(encoded)), encoded)) {
      throw new AssertionError("an accepted RPC does not encode stably");
    }
  }
}
