package io.zkstateless.common.p2p.gossip.score;

import static io.zkstateless.common.p2p.gossip.score.TopicScoreParams.require;

/**
 * The score thresholds of gossipsub v1.1 ("Score Thresholds"): below {@code gossipThreshold} no
 * IHAVE/IWANT is exchanged with a peer, below {@code publishThreshold} our own messages are not
 * flood-published to it, below {@code graylistThreshold} all its RPCs are ignored; PX is only
 * accepted from peers above {@code acceptPxThreshold}, and opportunistic grafting happens when the
 * median mesh score falls below {@code opportunisticGraftThreshold}.
 */
public record PeerScoreThresholds(
    double gossipThreshold,
    double publishThreshold,
    double graylistThreshold,
    double acceptPxThreshold,
    double opportunisticGraftThreshold) {

  /** Lighthouse's and Teku's values for the beacon chain. */
  public static final PeerScoreThresholds ETH2 =
      new PeerScoreThresholds(-4000, -8000, -16000, 100, 5);

  public PeerScoreThresholds {
    require(gossipThreshold <= 0, "gossipThreshold must be <= 0");
    require(
        publishThreshold <= gossipThreshold, "publishThreshold must be <= gossipThreshold");
    require(
        graylistThreshold <= publishThreshold, "graylistThreshold must be <= publishThreshold");
    require(acceptPxThreshold >= 0, "acceptPxThreshold must be >= 0");
    require(opportunisticGraftThreshold >= 0, "opportunisticGraftThreshold must be >= 0");
  }
}
