package io.zkstateless.common.p2p.gossip;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond} from the time of
 * the last refill. Not thread-safe: {@link PeerRateLimiter} holds one pair per peer under its lock.
 * Time is in nanoseconds of a monotonic clock, so a wall-clock step cannot refill or drain it.
 */
final class TokenBucket {

  private final double perSecond;
  private final double burst;
  private double tokens;
  private long refilledAtNanos;

  /** A full bucket at {@code nowNanos}: a new peer may send a burst at once. */
  TokenBucket(final double perSecond, final double burst, final long nowNanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAtNanos = nowNanos;
  }

  /** Adds what accrued since the last refill, up to the burst. */
  void refill(final long nowNanos) {
    final long elapsed = nowNanos - refilledAtNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + perSecond * elapsed / 1e9);
      refilledAtNanos = nowNanos;
    }
  }

  boolean has(final double cost) {
    return tokens >= cost;
  }

  void take(final double cost) {
    tokens -= cost;
  }
}
