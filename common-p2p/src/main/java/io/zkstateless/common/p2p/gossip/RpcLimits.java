package io.zkstateless.common.p2p.gossip;

/**
 * Bounds on one gossipsub RPC. Sizes follow the consensus spec ({@code MAX_PAYLOAD_SIZE} = 10 MiB
 * uncompressed; snappy's worst case {@code 32 + n + n/6}); counts follow go-libp2p's defaults (5000
 * message ids per IHAVE/IWANT, 16 peers per PRUNE) with headroom for eth2's ~100 topics.
 */
public record RpcLimits(
    int maxRpcBytes,
    int maxDataBytes,
    int maxSubscriptions,
    int maxMessages,
    int maxControlEntries,
    int maxMessageIds,
    int maxPrunePeers,
    int maxTopicBytes,
    int maxMessageIdBytes) {

  public static final int MAX_PAYLOAD_SIZE = 10 * 1024 * 1024;

  /** snappy's bound on the compressed size of {@code n} bytes. */
  public static int maxCompressedLength(final int n) {
    return 32 + n + n / 6;
  }

  public static final RpcLimits ETH2 =
      new RpcLimits(
          Math.max(maxCompressedLength(MAX_PAYLOAD_SIZE) + 1024, 1024 * 1024),
          maxCompressedLength(MAX_PAYLOAD_SIZE),
          1024,
          1024,
          1024,
          5000,
          16,
          1024,
          64);
}
