package io.zkstateless.common.p2p.gossip.score;

import static io.zkstateless.common.p2p.gossip.score.TopicScoreParams.require;
import static io.zkstateless.common.p2p.gossip.score.TopicScoreParams.requireDecay;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The peer-wide parameters of gossipsub v1.1 peer scoring ("Peer Score Parameters"): the scored
 * topics, the cap on their positive sum, P5 application-specific weight, P6 IP colocation, P7
 * behaviour penalty, how often counters decay, the value below which a decayed counter becomes 0,
 * and how long a disconnected peer's score is remembered (so reconnecting does not clear a
 * penalty). Topics not in {@link #topics()} do not count towards the score.
 */
public record PeerScoreParams(
    Map<String, TopicScoreParams> topics,
    double topicScoreCap,
    double appSpecificWeight,
    double ipColocationFactorWeight,
    int ipColocationFactorThreshold,
    double behaviourPenaltyWeight,
    double behaviourPenaltyThreshold,
    double behaviourPenaltyDecay,
    Duration decayInterval,
    double decayToZero,
    Duration retainScore) {

  public PeerScoreParams {
    topics = Map.copyOf(topics);
    require(topicScoreCap >= 0, "topicScoreCap must be >= 0 (0: no cap)");
    require(appSpecificWeight >= 0, "appSpecificWeight (P5) must be >= 0");
    require(ipColocationFactorWeight <= 0, "ipColocationFactorWeight (P6) must be <= 0");
    require(
        ipColocationFactorWeight == 0 || ipColocationFactorThreshold >= 1,
        "ipColocationFactorThreshold must be >= 1");
    require(behaviourPenaltyWeight <= 0, "behaviourPenaltyWeight (P7) must be <= 0");
    require(behaviourPenaltyThreshold >= 0, "behaviourPenaltyThreshold must be >= 0");
    requireDecay(behaviourPenaltyDecay, "behaviourPenaltyDecay");
    require(
        decayInterval.compareTo(Duration.ofSeconds(1)) >= 0, "decayInterval must be at least 1 s");
    require(decayToZero > 0 && decayToZero < 1, "decayToZero must be in (0, 1)");
    require(!retainScore.isNegative(), "retainScore must be >= 0");
  }

  public Optional<TopicScoreParams> topic(final String topic) {
    return Optional.ofNullable(topics.get(topic));
  }

  /** These parameters scoring {@code topics} instead. */
  public PeerScoreParams withTopics(final Map<String, TopicScoreParams> newTopics) {
    return new PeerScoreParams(
        newTopics,
        topicScoreCap,
        appSpecificWeight,
        ipColocationFactorWeight,
        ipColocationFactorThreshold,
        behaviourPenaltyWeight,
        behaviourPenaltyThreshold,
        behaviourPenaltyDecay,
        decayInterval,
        decayToZero,
        retainScore);
  }
}
