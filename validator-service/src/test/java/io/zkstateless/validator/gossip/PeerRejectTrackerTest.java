package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeerRejectTrackerTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final PeerRejectTracker tracker = new PeerRejectTracker(3, Duration.ofSeconds(10));

  @Test
  void passesTheThresholdOnTheNthRejectInTheWindowAndStartsAgain() {
    assertThat(tracker.recordReject("a", T0)).isFalse();
    assertThat(tracker.recordReject("a", T0.plusSeconds(1))).isFalse();
    assertThat(tracker.recordReject("b", T0.plusSeconds(1))).isFalse();
    assertThat(tracker.recordReject("a", T0.plusSeconds(2))).isTrue();
    assertThat(tracker.recordReject("a", T0.plusSeconds(3))).isFalse();
  }

  @Test
  void forgetsRejectsOlderThanTheWindow() {
    tracker.recordReject("a", T0);
    tracker.recordReject("a", T0.plusSeconds(5));
    assertThat(tracker.recordReject("a", T0.plusSeconds(11))).isFalse();
    assertThat(tracker.recordReject("a", T0.plusSeconds(12))).isTrue();
  }

  @Test
  void tracksABoundedNumberOfPeers() {
    for (int i = 0; i <= PeerRejectTracker.MAX_PEERS; i++) {
      tracker.recordReject("peer-" + i, T0);
      tracker.recordReject("peer-" + i, T0);
    }
    // peer-0 was evicted, so two more are needed from it, not one.
    assertThat(tracker.recordReject("peer-0", T0)).isFalse();
    assertThat(tracker.recordReject("peer-" + PeerRejectTracker.MAX_PEERS, T0)).isTrue();
  }
}
