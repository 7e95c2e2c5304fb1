package io.zkstateless.common.p2p.gossip.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each P-component against numbers worked by hand from gossipsub-v1.1.md's score function, with a
 * topic weight of 0.5 and a hand-moved clock.
 */
class PeerScoreTest {

  private static final String TOPIC = "t";
  private static final PeerId A = peer();
  private static final PeerId B = peer();
  private static final PeerId C = peer();

  /** P1 1/s capped at 10, P2 weight 2 cap 5, P3 threshold 4 after 2 s, P4 weight -10. */
  static final TopicScoreParams TOPIC_PARAMS =
      new TopicScoreParams(
          0.5,
          1,
          Duration.ofSeconds(1),
          10,
          2,
          0.5,
          5,
          -1,
          0.5,
          10,
          4,
          Duration.ofMillis(100),
          Duration.ofSeconds(2),
          -1,
          0.5,
          -10,
          0.5);

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final Map<PeerId, Double> app = new HashMap<>();

  static PeerScoreParams params(final TopicScoreParams topic, final double cap) {
    return new PeerScoreParams(
        Map.of(TOPIC, topic),
        cap,
        1,
        -3,
        1,
        -2,
        1,
        0.5,
        Duration.ofSeconds(1),
        0.1,
        Duration.ofSeconds(10));
  }

  private PeerScore score(final TopicScoreParams topic, final double cap) {
    final PeerScore score =
        new PeerScore(params(topic, cap), p -> app.getOrDefault(p, 0.0), now::get);
    score.addPeer(A);
    score.addPeer(B);
    score.addPeer(C);
    return score;
  }

  @Test
  void p1GrowsWithTimeInMeshUpToItsCap() {
    final PeerScore score = score(TOPIC_PARAMS.withoutMeshDeliveries(), 0);
    score.graft(A, TOPIC);
    advance(3500);
    assertThat(score.score(A)).isCloseTo(0.5 * 3.5, within(1e-9));
    advance(20_000);
    assertThat(score.score(A)).isCloseTo(0.5 * 10, within(1e-9));
    score.prune(A, TOPIC);
    assertThat(score.score(A)).isZero();
  }

  @Test
  void p2CountsFirstDeliveriesCappedAndDecaysToZero() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    for (int i = 0; i < 7; i++) {
      deliver(score, A, i);
    }
    assertThat(score.score(A)).isCloseTo(0.5 * 2 * 5, within(1e-9));
    score.refreshScores();
    assertThat(score.score(A)).isCloseTo(0.5 * 2 * 2.5, within(1e-9));
    // 2.5 -> 1.25 -> 0.625 -> 0.3125 -> 0.156 -> 0.078, below decayToZero (0.1): 0.
    for (int i = 0; i < 4; i++) {
      score.refreshScores();
    }
    assertThat(score.score(A)).isCloseTo(0.5 * 2 * 0.15625, within(1e-9));
    score.refreshScores();
    assertThat(score.score(A)).isZero();
  }

  @Test
  void p3PenalisesADeliveryDeficitAfterActivationAndP3bKeepsItAfterPrune() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    score.graft(A, TOPIC);
    advance(1000);
    deliver(score, A, 1);
    // Not active yet: P1 1 + P2 2 = 3, times 0.5.
    assertThat(score.score(A)).isCloseTo(1.5, within(1e-9));
    advance(2000);
    // Active: P1 3 + P2 1*2 + P3 (4 - 1)^2 * -1 = -4, times 0.5.
    assertThat(score.score(A)).isCloseTo(-2, within(1e-9));
    score.prune(A, TOPIC);
    // P2 2 + P3b 9 * -1 = -7, times 0.5.
    assertThat(score.score(A)).isCloseTo(-3.5, within(1e-9));
    score.refreshScores();
    // P2 1 + P3b 4.5 * -1.
    assertThat(score.score(A)).isCloseTo(0.5 * (2 * 0.5 - 4.5), within(1e-9));
  }

  @Test
  void p3CreditsMeshCopiesReceivedDuringValidationOrWithinTheWindow() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    score.graft(B, TOPIC);
    score.graft(C, TOPIC);
    advance(3000);
    final MessageId id = id(1);
    score.validateMessage(id);
    score.duplicateMessage(B, id, TOPIC); // during validation
    score.deliverMessage(A, id, TOPIC);
    advance(50);
    score.duplicateMessage(C, id, TOPIC); // within the 100 ms window
    final MessageId late = id(2);
    deliver(score, A, 2);
    advance(150);
    score.duplicateMessage(B, late, TOPIC); // after the window: no credit
    // B and C: P1 3 (3.05 and 3.2 s) + P3 (4 - 1)^2 * -1.
    assertThat(score.score(B)).isCloseTo(0.5 * (3.2 - 9), within(1e-9));
    assertThat(score.score(C)).isCloseTo(0.5 * (3.2 - 9), within(1e-9));
  }

  @Test
  void p4PenalisesTheSenderAndEveryPeerThatSentACopyOfARejectedMessage() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    for (int i = 0; i < 3; i++) {
      final MessageId id = id(i);
      score.validateMessage(id);
      if (i == 0) {
        score.duplicateMessage(B, id, TOPIC); // copy during validation
      }
      score.rejectMessage(A, id, TOPIC);
    }
    score.duplicateMessage(C, id(1), TOPIC); // copy after the verdict
    score.duplicateMessage(C, id(1), TOPIC); // every copy of a known-invalid message counts
    assertThat(score.score(A)).isCloseTo(0.5 * 9 * -10, within(1e-9));
    assertThat(score.score(B)).isCloseTo(0.5 * -10, within(1e-9));
    assertThat(score.score(C)).isCloseTo(0.5 * 4 * -10, within(1e-9));
    score.refreshScores();
    assertThat(score.score(A)).isCloseTo(0.5 * 1.5 * 1.5 * -10, within(1e-9));
  }

  @Test
  void ignoredMessagesNeitherCreditNorPenalise() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    final MessageId id = id(1);
    score.validateMessage(id);
    score.duplicateMessage(B, id, TOPIC);
    score.ignoreMessage(id);
    score.duplicateMessage(C, id, TOPIC);
    score.rejectMessage(A, id, TOPIC); // a verdict after IGNORE changes nothing
    assertThat(score.score(A)).isZero();
    assertThat(score.score(B)).isZero();
    assertThat(score.score(C)).isZero();
  }

  @Test
  void unscoredTopicsDoNotCount() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    score.invalidMessage(A, "other");
    score.graft(A, "other");
    advance(5000);
    assertThat(score.score(A)).isZero();
  }

  @Test
  void topicScoreCapBoundsOnlyThePositiveTopicSum() {
    final PeerScore score = score(TOPIC_PARAMS, 3);
    for (int i = 0; i < 5; i++) {
      deliver(score, A, i);
    }
    app.put(A, 4.0);
    assertThat(score.score(A)).isCloseTo(3 + 4, within(1e-9));
  }

  @Test
  void p5AddsTheApplicationScore() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    app.put(A, -7.5);
    assertThat(score.score(A)).isEqualTo(-7.5);
  }

  @Test
  void p6PenalisesPeersSharingAnIpBeyondTheThreshold() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    score.setIp(A, "10.0.0.1");
    score.setIp(B, "10.0.0.1");
    score.setIp(C, "10.0.0.1");
    // 3 peers, threshold 1: surplus 2, squared 4, weight -3.
    assertThat(score.score(A)).isEqualTo(-12);
    score.setIp(C, "10.0.0.2");
    assertThat(score.score(A)).isEqualTo(-3);
    assertThat(score.score(C)).isZero();
    score.removePeer(B);
    assertThat(score.score(A)).isZero();
  }

  @Test
  void p7PenalisesMisbehaviourBeyondTheThresholdSquaredAndDecays() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    score.addPenalty(A, 1);
    assertThat(score.score(A)).isZero();
    score.addPenalty(A, 2);
    // 3 - threshold 1 = 2, squared 4, weight -2.
    assertThat(score.score(A)).isEqualTo(-8);
    score.refreshScores();
    assertThat(score.score(A)).isEqualTo(-0.5);
  }

  @Test
  void aNegativeScoreOutlivesReconnectionUntilRetainScoreEnds() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    score.invalidMessage(A, TOPIC);
    deliver(score, B, 1);
    score.removePeer(A);
    score.removePeer(B);
    score.refreshScores();
    score.addPeer(A);
    score.addPeer(B);
    assertThat(score.score(A)).isEqualTo(-5); // kept, and not decayed while away
    assertThat(score.score(B)).isZero(); // a positive score is forgotten
    score.removePeer(A);
    advance(10_000);
    score.refreshScores();
    score.addPeer(A);
    assertThat(score.score(A)).isZero();
  }

  @Test
  void aSybilRotatingIdentitiesLeavesAtMostTheRetentionCapBehind() {
    final PeerScore score = score(TOPIC_PARAMS, 0);
    final List<PeerId> sybils = new ArrayList<>();
    for (int i = 0; i < PeerScore.MAX_RETAINED_PEERS + 100; i++) {
      final PeerId sybil = peer();
      sybils.add(sybil);
      score.addPeer(sybil);
      score.invalidMessage(sybil, TOPIC);
      score.removePeer(sybil);
      advance(1); // well within retainScore: only the cap forgets them
    }
    assertThat(score.retainedPeerCount()).isEqualTo(PeerScore.MAX_RETAINED_PEERS);
    assertThat(score.knownPeerCount()).isEqualTo(3 + PeerScore.MAX_RETAINED_PEERS);
    // The earliest to leave were forgotten, the latest are still held to their record.
    assertThat(score.score(sybils.getFirst())).isZero();
    assertThat(score.score(sybils.getLast())).isEqualTo(-5);
    // Reconnecting takes a peer out of the retained set; leaving again puts it back at the end.
    score.addPeer(sybils.getLast());
    assertThat(score.retainedPeerCount()).isEqualTo(PeerScore.MAX_RETAINED_PEERS - 1);
    advance(10_000);
    score.refreshScores();
    assertThat(score.retainedPeerCount()).isZero();
    assertThat(score.knownPeerCount()).isEqualTo(4);
  }

  @Test
  void parametersAreValidated() {
    assertThatThrownBy(() -> params(TOPIC_PARAMS, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topicScoreCap");
    assertThatThrownBy(() -> new PeerScoreThresholds(-10, -5, -20, 0, 0))
        .hasMessageContaining("publishThreshold");
    assertThatThrownBy(() -> new PeerScoreThresholds(1, -5, -20, 0, 0))
        .hasMessageContaining("gossipThreshold");
    assertThatThrownBy(
            () ->
                new TopicScoreParams(
                    1, 1, Duration.ofSeconds(1), 1, 1, 1.0, 1, 0, 0.5, 1, 1, Duration.ZERO,
                    Duration.ofSeconds(1), 0, 0.5, -1, 0.5))
        .hasMessageContaining("firstMessageDeliveriesDecay");
    assertThatThrownBy(
            () ->
                new TopicScoreParams(
                    1, 1, Duration.ofSeconds(1), 1, 1, 0.5, 1, 0, 0.5, 1, 1, Duration.ZERO,
                    Duration.ofSeconds(1), 0, 0.5, 1, 0.5))
        .hasMessageContaining("invalidMessageDeliveriesWeight");
  }

  private void deliver(final PeerScore score, final PeerId from, final int n) {
    score.validateMessage(id(n));
    score.deliverMessage(from, id(n), TOPIC);
  }

  private void advance(final long millis) {
    now.set(now.get().plusMillis(millis));
  }

  private static MessageId id(final int n) {
    return MessageId.of(new byte[] {(byte) n, 1, 2, 3});
  }

  private static PeerId peer() {
    return PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  }
}
