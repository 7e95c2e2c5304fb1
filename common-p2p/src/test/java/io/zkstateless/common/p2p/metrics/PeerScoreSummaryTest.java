package io.zkstateless.common.p2p.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three statistics of {@code libp2p_gossip_peer_score} (moved from the validator). */
class PeerScoreSummaryTest {

  @Test
  void minUpperMedianAndMax() {
    final List<Double> scores = List.of(-20000.0, 3.0, 12.5, 1.0);
    assertThat(PeerScoreSummary.MIN.of(scores)).isEqualTo(-20000.0);
    assertThat(PeerScoreSummary.MEDIAN.of(scores)).isEqualTo(3.0);
    assertThat(PeerScoreSummary.MAX.of(scores)).isEqualTo(12.5);
    assertThat(PeerScoreSummary.MEDIAN.of(List.of(4.0, -1.0, 2.0))).isEqualTo(2.0);
  }

  @Test
  void noPeersIsNotANumberNotZero() {
    // 0 would read as "every peer is neutral"; with no peers there is nothing to say.
    for (final PeerScoreSummary stat : PeerScoreSummary.values()) {
      assertThat(stat.of(List.of())).isNaN();
    }
  }
}
