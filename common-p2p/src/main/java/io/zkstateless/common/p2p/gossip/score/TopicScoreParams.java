package io.zkstateless.common.p2p.gossip.score;

import java.time.Duration;

/**
 * The per-topic parameters of gossipsub v1.1 peer scoring (gossipsub-v1.1.md, "Topic
 * Parameters"): P1 time in mesh, P2 first message deliveries, P3 mesh message delivery deficit, P3b
 * mesh failure penalty and P4 invalid messages. Decays are the factors applied every decay
 * interval. A weight of 0 turns a component off; eth2 clients keep P3/P3b off until a topic's
 * message rate is known, as {@link #withoutMeshDeliveries()} does.
 */
public record TopicScoreParams(
    double topicWeight,
    double timeInMeshWeight,
    Duration timeInMeshQuantum,
    double timeInMeshCap,
    double firstMessageDeliveriesWeight,
    double firstMessageDeliveriesDecay,
    double firstMessageDeliveriesCap,
    double meshMessageDeliveriesWeight,
    double meshMessageDeliveriesDecay,
    double meshMessageDeliveriesCap,
    double meshMessageDeliveriesThreshold,
    Duration meshMessageDeliveriesWindow,
    Duration meshMessageDeliveriesActivation,
    double meshFailurePenaltyWeight,
    double meshFailurePenaltyDecay,
    double invalidMessageDeliveriesWeight,
    double invalidMessageDeliveriesDecay) {

  public TopicScoreParams {
    require(topicWeight >= 0, "topicWeight must be >= 0");
    require(timeInMeshWeight >= 0, "timeInMeshWeight (P1) must be >= 0");
    require(timeInMeshQuantum.isPositive(), "timeInMeshQuantum must be positive");
    require(timeInMeshCap > 0 || timeInMeshWeight == 0, "timeInMeshCap must be positive");
    require(firstMessageDeliveriesWeight >= 0, "firstMessageDeliveriesWeight (P2) must be >= 0");
    requireDecay(firstMessageDeliveriesDecay, "firstMessageDeliveriesDecay");
    require(
        firstMessageDeliveriesCap > 0 || firstMessageDeliveriesWeight == 0,
        "firstMessageDeliveriesCap must be positive");
    require(meshMessageDeliveriesWeight <= 0, "meshMessageDeliveriesWeight (P3) must be <= 0");
    requireDecay(meshMessageDeliveriesDecay, "meshMessageDeliveriesDecay");
    require(meshMessageDeliveriesThreshold >= 0, "meshMessageDeliveriesThreshold must be >= 0");
    require(
        meshMessageDeliveriesCap >= meshMessageDeliveriesThreshold,
        "meshMessageDeliveriesCap must be >= the threshold");
    require(!meshMessageDeliveriesWindow.isNegative(), "meshMessageDeliveriesWindow must be >= 0");
    require(
        meshMessageDeliveriesActivation.compareTo(Duration.ofSeconds(1)) >= 0,
        "meshMessageDeliveriesActivation must be at least 1 s");
    require(meshFailurePenaltyWeight <= 0, "meshFailurePenaltyWeight (P3b) must be <= 0");
    requireDecay(meshFailurePenaltyDecay, "meshFailurePenaltyDecay");
    require(invalidMessageDeliveriesWeight <= 0, "invalidMessageDeliveriesWeight (P4) must be <= 0");
    requireDecay(invalidMessageDeliveriesDecay, "invalidMessageDeliveriesDecay");
  }

  /** These parameters with P3 and P3b turned off. */
  public TopicScoreParams withoutMeshDeliveries() {
    return new TopicScoreParams(
        topicWeight,
        timeInMeshWeight,
        timeInMeshQuantum,
        timeInMeshCap,
        firstMessageDeliveriesWeight,
        firstMessageDeliveriesDecay,
        firstMessageDeliveriesCap,
        0,
        meshMessageDeliveriesDecay,
        meshMessageDeliveriesCap,
        meshMessageDeliveriesThreshold,
        meshMessageDeliveriesWindow,
        meshMessageDeliveriesActivation,
        0,
        meshFailurePenaltyDecay,
        invalidMessageDeliveriesWeight,
        invalidMessageDeliveriesDecay);
  }

  static void require(final boolean condition, final String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A decay factor multiplies a counter every interval, so it must shrink it: 0 < d < 1. */
  static void requireDecay(final double decay, final String name) {
    require(decay > 0 && decay < 1, name + " must be in (0, 1)");
  }
}
