package io.zkstateless.common.p2p.gossip;

import java.time.Duration;

/**
 * gossipsub router parameters; {@link #ETH2} has the values of the consensus p2p spec, plus our
 * bounds on asynchronous validation: how many messages may await a verdict at once, and how long a
 * verdict may take before the message is dropped as IGNOREd, and how fast one peer may send us
 * messages ({@link GossipRateLimit}).
 *
 * <p>{@code dOut} is gossipsub v1.1's D_out: the least number of peers we dialled ourselves that
 * each mesh keeps (when there are that many), so that peers dialling in cannot take a mesh over.
 * The consensus spec does not set it; 2 is the gossipsub default that Lodestar and Lighthouse run
 * with (js-libp2p {@code GossipsubDout}, rust-libp2p {@code mesh_outbound_min}).
 */
public record GossipParams(
    int d,
    int dLow,
    int dHigh,
    int dLazy,
    int dOut,
    Duration heartbeatInterval,
    Duration fanoutTtl,
    int mcacheLength,
    int mcacheGossip,
    Duration seenTtl,
    Duration pruneBackoff,
    int maxRetransmissions,
    int seenCapacity,
    int maxPendingValidations,
    Duration validationTimeout,
    GossipRateLimit rateLimit) {

  public static final GossipParams ETH2 =
      new GossipParams(
          8,
          6,
          12,
          6,
          2,
          Duration.ofMillis(700),
          Duration.ofSeconds(60),
          6,
          3,
          Duration.ofSeconds(768),
          Duration.ofSeconds(60),
          3,
          200_000,
          1024,
          Duration.ofSeconds(30),
          GossipRateLimit.DEFAULT);

  /** These parameters with other validation bounds. */
  public GossipParams withValidationBounds(final int maxPending, final Duration timeout) {
    return new GossipParams(
        d,
        dLow,
        dHigh,
        dLazy,
        dOut,
        heartbeatInterval,
        fanoutTtl,
        mcacheLength,
        mcacheGossip,
        seenTtl,
        pruneBackoff,
        maxRetransmissions,
        seenCapacity,
        maxPending,
        timeout,
        rateLimit);
  }

  /** These parameters with another per-peer rate limit on received messages. */
  public GossipParams withRateLimit(final GossipRateLimit limit) {
    return new GossipParams(
        d,
        dLow,
        dHigh,
        dLazy,
        dOut,
        heartbeatInterval,
        fanoutTtl,
        mcacheLength,
        mcacheGossip,
        seenTtl,
        pruneBackoff,
        maxRetransmissions,
        seenCapacity,
        maxPendingValidations,
        validationTimeout,
        limit);
  }

  public GossipParams {
    if (!(0 < dLow && dLow <= d && d <= dHigh) || dLazy < 0) {
      throw new IllegalArgumentException("need 0 < D_low <= D <= D_high and D_lazy >= 0");
    }
    if (dOut < 0 || dOut >= dLow || dOut > d / 2) {
      // gossipsub v1.1: D_out must be below D_low and at most D/2.
      throw new IllegalArgumentException("need 0 <= D_out < D_low and D_out <= D/2");
    }
    if (maxPendingValidations < 1 || !validationTimeout.isPositive()) {
      throw new IllegalArgumentException("validation bounds must be positive");
    }
  }
}
