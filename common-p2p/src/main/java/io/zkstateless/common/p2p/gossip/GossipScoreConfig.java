package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.score.PeerScoreParams;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * How the router scores peers: the score parameters and thresholds, how many of the best-scoring
 * mesh peers survive an over-full mesh ({@code dScore}), and after how long below the graylist
 * threshold a peer is disconnected (empty: never, it is only ignored). {@code appSpecificScore} is
 * P5, the application's own opinion of a peer.
 */
public record GossipScoreConfig(
    PeerScoreParams params,
    PeerScoreThresholds thresholds,
    int dScore,
    Optional<Duration> disconnectGraylistedAfter,
    ToDoubleFunction<PeerId> appSpecificScore) {

  /** go-libp2p's and rust-libp2p's D_score. */
  public static final int DEFAULT_D_SCORE = 4;

  /** Scoring that never moves a score from 0: the router behaves as without scoring. */
  public static final GossipScoreConfig DISABLED =
      new GossipScoreConfig(
          new PeerScoreParams(
              Map.of(), 0, 0, 0, 1, 0, 0, 0.5, Duration.ofSeconds(1), 0.01, Duration.ZERO),
          new PeerScoreThresholds(0, 0, 0, 0, 0),
          0,
          Optional.empty(),
          peer -> 0);

  public GossipScoreConfig {
    if (dScore < 0) {
      throw new IllegalArgumentException("dScore must be >= 0");
    }
    disconnectGraylistedAfter.ifPresent(
        d -> {
          if (d.isNegative()) {
            throw new IllegalArgumentException("disconnectGraylistedAfter must be >= 0");
          }
        });
  }

  /** Whether scoring can ever change a score, i.e. anything here is switched on. */
  boolean enabled() {
    return this != DISABLED;
  }
}
