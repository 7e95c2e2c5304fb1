package io.zkstateless.common.p2p.gossip.score;

import io.zkstateless.common.p2p.gossip.score.PeerStats.TopicStats;
import java.time.Instant;
import java.util.Map;

/**
 * The counter-based parts of the score (gossipsub-v1.1.md, "The Score Function"): the capped sum of
 * the weighted topic scores (P1 to P4) plus the behaviour penalty (P7). P5 and P6 need state from
 * outside one peer's counters and are added by {@link PeerScore}.
 */
final class ScoreFormula {

  private ScoreFormula() {}

  static double score(final PeerScoreParams params, final PeerStats stats, final Instant now) {
    double topicsScore = 0;
    for (final Map.Entry<String, TopicStats> e : stats.topics.entrySet()) {
      final TopicScoreParams p = params.topics().get(e.getKey());
      if (p != null) {
        topicsScore += p.topicWeight() * topicScore(p, e.getValue(), now);
      }
    }
    if (params.topicScoreCap() > 0) {
      topicsScore = Math.min(topicsScore, params.topicScoreCap());
    }
    return topicsScore + params.behaviourPenaltyWeight() * behaviourPenalty(params, stats);
  }

  static double topicScore(final TopicScoreParams p, final TopicStats t, final Instant now) {
    // P1: time in mesh, in quanta, capped.
    final double quanta =
        (double) t.meshTime(now).toMillis() / p.timeInMeshQuantum().toMillis();
    final double p1 = Math.min(quanta, p.timeInMeshCap());
    // P2: first deliveries (capped when counted). P3: the squared deficit. P4: squared invalid.
    final double p2 = t.firstMessageDeliveries;
    final double p3 = t.meshDeliveryDeficitSquared(now, p);
    final double p3b = t.meshFailurePenalty;
    final double p4 = t.invalidMessageDeliveries * t.invalidMessageDeliveries;
    return p1 * p.timeInMeshWeight()
        + p2 * p.firstMessageDeliveriesWeight()
        + p3 * p.meshMessageDeliveriesWeight()
        + p3b * p.meshFailurePenaltyWeight()
        + p4 * p.invalidMessageDeliveriesWeight();
  }

  /** P7: the penalty beyond the threshold, squared. */
  private static double behaviourPenalty(final PeerScoreParams params, final PeerStats stats) {
    final double excess = stats.behaviourPenalty - params.behaviourPenaltyThreshold();
    return excess > 0 ? excess * excess : 0;
  }
}
