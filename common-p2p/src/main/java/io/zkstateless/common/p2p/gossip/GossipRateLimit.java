package io.zkstateless.common.p2p.gossip;

/**
 * How fast one peer may send us gossip messages: a token bucket per peer for messages and one for
 * message data bytes, each refilled at its per-second rate up to its burst. {@link RpcLimits}
 * bounds one RPC; this bounds the rate of RPCs, so that a peer cannot make us decode, hash and
 * validate without limit. Messages beyond the rate are dropped before the seen cache (an honest
 * copy from another peer still gets in) and each is a behaviour penalty (see {@link
 * PeerRateLimiter}).
 *
 * <p>{@link #DEFAULT}: honest eth2 execution-proof traffic is a few messages per second per peer
 * (one proof per proof type per slot and subnet, forwarded by each mesh peer), so 500 messages/s
 * (1,000 at once) and 32 MiB/s (64 MiB at once, above the largest allowed message) are two orders
 * of magnitude above it. Benchmarks that push hundreds of MiB/s between two nodes use {@link
 * #UNLIMITED}.
 */
public record GossipRateLimit(
    double messagesPerSecond, double messageBurst, double bytesPerSecond, double byteBurst) {

  public static final GossipRateLimit DEFAULT =
      new GossipRateLimit(500, 1_000, 32.0 * (1 << 20), 64.0 * (1 << 20));

  /** No limit (benchmarks; tests of other things that flood on purpose). */
  public static final GossipRateLimit UNLIMITED =
      new GossipRateLimit(
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY);

  public GossipRateLimit {
    if (!(messagesPerSecond > 0 && bytesPerSecond > 0)) {
      throw new IllegalArgumentException("rates must be positive");
    }
    if (!(messageBurst >= 1 && byteBurst >= 1)) {
      throw new IllegalArgumentException("bursts must allow at least one message and one byte");
    }
  }

  /** Whether nothing is ever limited (no bucket is then kept). */
  public boolean unlimited() {
    return Double.isInfinite(messagesPerSecond)
        && Double.isInfinite(messageBurst)
        && Double.isInfinite(bytesPerSecond)
        && Double.isInfinite(byteBurst);
  }
}
