package io.zkstateless.common.p2p.gossip.score;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The scoring counters of one peer: per scored topic, plus P7, its IP and whether it is here. */
final class PeerStats {

  final Map<String, TopicStats> topics = new HashMap<>();
  boolean connected = true;
  Instant expire = Instant.MAX;
  Optional<String> ip = Optional.empty();
  double behaviourPenalty;

  TopicStats topic(final String topic) {
    return topics.computeIfAbsent(topic, t -> new TopicStats());
  }

  /** The counters of one peer in one topic (gossipsub-v1.1.md, "Topic Parameter Calculation"). */
  static final class TopicStats {
    boolean inMesh;
    Instant graftTime = Instant.EPOCH;
    double firstMessageDeliveries;
    double meshMessageDeliveries;
    double meshFailurePenalty;
    double invalidMessageDeliveries;

    Duration meshTime(final Instant now) {
      return inMesh ? Duration.between(graftTime, now) : Duration.ZERO;
    }

    /** P3 counts only after the peer has had {@code activation} in the mesh to deliver. */
    boolean meshDeliveriesActive(final Instant now, final TopicScoreParams params) {
      return inMesh && meshTime(now).compareTo(params.meshMessageDeliveriesActivation()) > 0;
    }

    /** How far the peer's mesh deliveries fall short of the threshold, squared (P3), or 0. */
    double meshDeliveryDeficitSquared(final Instant now, final TopicScoreParams params) {
      if (!meshDeliveriesActive(now, params)
          || meshMessageDeliveries >= params.meshMessageDeliveriesThreshold()) {
        return 0;
      }
      final double deficit = params.meshMessageDeliveriesThreshold() - meshMessageDeliveries;
      return deficit * deficit;
    }
  }
}
