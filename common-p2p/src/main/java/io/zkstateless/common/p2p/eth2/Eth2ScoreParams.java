package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.p2p.gossip.score.PeerScoreParams;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import io.zkstateless.common.p2p.gossip.score.TopicScoreParams;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Peer scoring parameters for eth2 topics, derived the way Lighthouse and Teku derive theirs
 * (Lighthouse {@code gossipsub_scoring_parameters.rs}, Teku {@code GossipScoringConfigurator}):
 * counters decay every slot, a decay "over N" brings a counter to 1 % after N, a topic can earn at
 * most 10 from P1 and 40 from P2 times its weight, the positive topic sum is capped at half of that
 * maximum, P6 costs the whole maximum per surplus peer squared, and P7 reaches the gossip
 * threshold at ten penalties per epoch. P3/P3b are off, as the clients keep them for topics whose
 * message rate is not known; P4 makes one invalid message cost as much as a topic can earn (25):
 * below the gossip threshold (-4000) after 13 REJECTs, graylisted (-16000) after 26, forgiven
 * over 50 epochs.
 */
public final class Eth2ScoreParams {

  public static final Duration SLOT = Duration.ofSeconds(12);
  public static final int SLOTS_PER_EPOCH = 32;
  public static final Duration EPOCH = SLOT.multipliedBy(SLOTS_PER_EPOCH);
  public static final double DECAY_TO_ZERO = 0.01;
  public static final double TOPIC_WEIGHT = 0.5;
  static final double MAX_IN_MESH_SCORE = 10;
  static final double MAX_FIRST_MESSAGE_DELIVERIES_SCORE = 40;

  private Eth2ScoreParams() {}

  /**
   * Parameters scoring {@code topics}, each expecting {@code messagesPerSlot} messages (used to
   * size the P2 cap) and weighted {@link #TOPIC_WEIGHT}.
   */
  public static PeerScoreParams forTopics(
      final Collection<String> topics, final double messagesPerSlot) {
    // Our topics are subnets of one kind of message, so the maximum is one topic's, not the sum
    // over every subnet we may ever score (which would make P4 harsher the more subnets exist).
    final double maxPositive =
        (MAX_IN_MESH_SCORE + MAX_FIRST_MESSAGE_DELIVERIES_SCORE) * TOPIC_WEIGHT;
    final Map<String, TopicScoreParams> byTopic = new HashMap<>();
    final TopicScoreParams params = topic(maxPositive, messagesPerSlot);
    topics.forEach(t -> byTopic.put(t, params));
    final double behaviourDecay = decayOver(EPOCH.multipliedBy(10));
    final double behaviourThreshold = 6;
    final double behaviourTarget =
        convergence(behaviourDecay, 10.0 / SLOTS_PER_EPOCH) - behaviourThreshold;
    return new PeerScoreParams(
        byTopic,
        maxPositive * 0.5,
        1,
        -maxPositive,
        3,
        PeerScoreThresholds.ETH2.gossipThreshold() / (behaviourTarget * behaviourTarget),
        behaviourThreshold,
        behaviourDecay,
        SLOT,
        DECAY_TO_ZERO,
        EPOCH.multipliedBy(100));
  }

  private static TopicScoreParams topic(final double maxPositive, final double messagesPerSlot) {
    final Duration timeInMeshCap = Duration.ofHours(1);
    final double timeInMeshQuanta = (double) timeInMeshCap.toSeconds() / SLOT.toSeconds();
    final double firstDecay = decayOver(EPOCH.multipliedBy(20));
    // A mesh peer is first for about 1/D of the messages; allow twice that.
    final double firstCap = convergence(firstDecay, 2 * messagesPerSlot / 8);
    return new TopicScoreParams(
        TOPIC_WEIGHT,
        MAX_IN_MESH_SCORE / timeInMeshQuanta,
        SLOT,
        timeInMeshQuanta,
        MAX_FIRST_MESSAGE_DELIVERIES_SCORE / firstCap,
        firstDecay,
        firstCap,
        0,
        decayOver(EPOCH.multipliedBy(4)),
        convergence(decayOver(EPOCH.multipliedBy(4)), messagesPerSlot),
        convergence(decayOver(EPOCH.multipliedBy(4)), messagesPerSlot) / 10,
        Duration.ofSeconds(2),
        EPOCH.multipliedBy(4),
        0,
        decayOver(EPOCH.multipliedBy(4)),
        -maxPositive / TOPIC_WEIGHT,
        decayOver(EPOCH.multipliedBy(50)));
  }

  /** The per-interval factor that brings a counter down to {@link #DECAY_TO_ZERO} over {@code d}. */
  public static double decayOver(final Duration d) {
    final double intervals = (double) d.toMillis() / SLOT.toMillis();
    return Math.pow(DECAY_TO_ZERO, 1 / intervals);
  }

  /** Where a counter settles when it gains {@code rate} per interval and decays by {@code decay}. */
  static double convergence(final double decay, final double rate) {
    return rate / (1 - decay);
  }
}
