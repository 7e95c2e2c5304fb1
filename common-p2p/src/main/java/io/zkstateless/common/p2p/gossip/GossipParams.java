package io.zkstateless.common.p2p.gossip;

import java.time.Duration;

/** gossipsub router parameters; {@link #ETH2} has the values of the consensus p2p spec. */
public record GossipParams(
    int d,
    int dLow,
    int dHigh,
    int dLazy,
    Duration heartbeatInterval,
    Duration fanoutTtl,
    int mcacheLength,
    int mcacheGossip,
    Duration seenTtl,
    Duration pruneBackoff,
    int maxRetransmissions,
    int seenCapacity) {

  public static final GossipParams ETH2 =
      new GossipParams(
          8,
          6,
          12,
          6,
          Duration.ofMillis(700),
          Duration.ofSeconds(60),
          6,
          3,
          Duration.ofSeconds(768),
          Duration.ofSeconds(60),
          3,
          200_000);

  public GossipParams {
    if (!(0 < dLow && dLow <= d && d <= dHigh) || dLazy < 0) {
      throw new IllegalArgumentException("need 0 < D_low <= D <= D_high and D_lazy >= 0");
    }
  }
}
