package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.score.PeerScoreParams;
import io.zkstateless.common.p2p.gossip.score.PeerScoreThresholds;
import io.zkstateless.common.p2p.gossip.score.TopicScoreParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the router does when a message could not be validated (no verdict) and when validations pile
 * up (reading paused, then resumed), and when our own publish is confirmed. Scripted peers, with
 * scoring on (P2: +1 per first delivery, P4: -10 times the count squared).
 */
class GossipRouterOverloadTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/execution_proof_0/ssz_snappy";
  private static final List<PeerId> PEERS =
      IntStream.range(0, 3)
          .mapToObj(i -> PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey()))
          .toList();
  private static final PeerId P0 = PEERS.get(0);
  private static final PeerId P1 = PEERS.get(1);
  private static final PeerId P2 = PEERS.get(2);

  private final List<PeerId> messagesSentTo = new ArrayList<>();
  private final List<GossipMessage> delivered = new ArrayList<>();
  private final List<String> gate = new ArrayList<>();
  private final List<CompletableFuture<GossipValidator.Result>> validations = new ArrayList<>();
  private final List<CompletableFuture<Void>> writes = new ArrayList<>();
  private boolean holdWrites;

  @Test
  void aFailedValidationIsForgottenSoTheNextCopyIsJudgedAndCredited() {
    final GossipRouter router = router(GossipParams.ETH2, ValidationBackpressure.defaultFor(1024));
    router.onRpc(P0, message(1));
    router.onRpc(P1, message(1)); // a copy while the first is pending: a duplicate for now
    assertThat(validations).hasSize(1);
    validations.getFirst().completeExceptionally(new RejectedExecutionException("queue full"));

    assertThat(delivered).isEmpty();
    assertThat(messagesSentTo).as("nothing forwarded").isEmpty();
    assertThat(router.hasSeen(GossipRouterTest.sha256Id(plain(1)))).isFalse();
    assertThat(router.peerScores()).containsEntry(P0, 0.0).containsEntry(P1, 0.0);

    router.onRpc(P2, message(1)); // a retransmission gets in
    assertThat(validations).hasSize(2);
    validations.get(1).complete(GossipValidator.Result.ACCEPT);
    assertThat(delivered).hasSize(1);
    assertThat(router.peerScores().get(P2)).as("P2 first delivery").isEqualTo(1.0);
    assertThat(messagesSentTo).containsExactlyInAnyOrder(P0, P1);
  }

  @Test
  void aValidatorThatThrowsOrReturnsNullJudgesNobody() {
    final GossipRouter throwing =
        router(
            GossipParams.ETH2,
            ValidationBackpressure.defaultFor(1024),
            (from, message) -> {
              throw new IllegalStateException("closing");
            });
    throwing.onRpc(P0, message(1));
    assertThat(throwing.hasSeen(GossipRouterTest.sha256Id(plain(1)))).isFalse();
    assertThat(throwing.pendingValidations()).isZero();
    assertThat(throwing.peerScores().get(P0)).isZero();

    final GossipRouter nulls =
        router(
            GossipParams.ETH2,
            ValidationBackpressure.defaultFor(1024),
            (from, message) -> CompletableFuture.completedFuture(null));
    nulls.onRpc(P0, message(1));
    assertThat(nulls.hasSeen(GossipRouterTest.sha256Id(plain(1)))).isFalse();
  }

  @Test
  void aVerdictThatTakesTooLongIsForgottenButIgnoreAndRejectAreRemembered() throws Exception {
    final GossipRouter router =
        router(
            GossipParams.ETH2.withValidationBounds(8, Duration.ofMillis(50)),
            ValidationBackpressure.defaultFor(8));
    router.onRpc(P0, message(1));
    for (int i = 0; i < 200 && router.pendingValidations() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(router.pendingValidations()).isZero();
    assertThat(router.hasSeen(GossipRouterTest.sha256Id(plain(1)))).isFalse();
    assertThat(router.peerScores().get(P0)).isZero();

    router.onRpc(P0, message(2));
    validations.getLast().complete(GossipValidator.Result.IGNORE);
    router.onRpc(P0, message(3));
    validations.getLast().complete(GossipValidator.Result.REJECT);
    assertThat(router.hasSeen(GossipRouterTest.sha256Id(plain(2)))).isTrue();
    assertThat(router.hasSeen(GossipRouterTest.sha256Id(plain(3)))).isTrue();
    assertThat(router.peerScores().get(P0)).isEqualTo(-10.0);
  }

  @Test
  void readingPausesAtThePauseMarkAndResumesAtTheResumeMark() {
    final GossipRouter router =
        router(
            GossipParams.ETH2.withValidationBounds(16, Duration.ofSeconds(30)),
            new ValidationBackpressure(4, 1, 1L << 30, 1L << 29));
    for (int i = 1; i <= 3; i++) {
      router.onRpc(P0, message(i));
    }
    assertThat(router.readingPaused()).isFalse();
    router.onRpc(P1, message(4));
    assertThat(router.readingPaused()).isTrue();
    assertThat(gate).containsExactly("pause");
    router.onRpc(P1, message(5)); // already read when the pause took effect: still validated
    assertThat(validations).hasSize(5);

    validations.get(0).complete(GossipValidator.Result.ACCEPT);
    validations.get(1).completeExceptionally(new RejectedExecutionException("full"));
    validations.get(2).complete(GossipValidator.Result.IGNORE);
    assertThat(router.readingPaused()).as("2 pending, resume mark 1").isTrue();
    validations.get(3).complete(GossipValidator.Result.ACCEPT);
    assertThat(router.readingPaused()).isFalse();
    assertThat(gate).containsExactly("pause", "resume");
    assertThat(router.readPauses()).isEqualTo(1);
  }

  @Test
  void readingPausesOnBytesAwaitingAVerdict() {
    final GossipRouter router =
        router(GossipParams.ETH2, new ValidationBackpressure(100, 50, 3000, 1000));
    router.onRpc(P0, message(1, 2000));
    assertThat(router.readingPaused()).isFalse();
    router.onRpc(P0, message(2, 2000));
    assertThat(router.readingPaused()).isTrue();
    validations.getFirst().complete(GossipValidator.Result.ACCEPT);
    assertThat(router.readingPaused()).as("2000 bytes pending, resume mark 1000").isTrue();
    validations.getLast().complete(GossipValidator.Result.ACCEPT);
    assertThat(gate).containsExactly("pause", "resume");
  }

  @Test
  void aConfirmedPublishCompletesOnTheFirstWriteAndIsNotSentTwiceMeanwhile() {
    final GossipRouter router = router(GossipParams.ETH2, ValidationBackpressure.defaultFor(1024));
    holdWrites = true;
    final CompletableFuture<Integer> confirmed = router.publishConfirmed(TOPIC, new byte[] {9});
    assertThat(messagesSentTo).containsExactlyInAnyOrder(P0, P1, P2);
    assertThat(confirmed).isNotDone();
    assertThat(router.publishInFlight(TOPIC, new byte[] {9})).isPresent();
    final CompletableFuture<Integer> again = router.publishConfirmed(TOPIC, new byte[] {9});
    assertThat(messagesSentTo).as("not sent again while in flight").hasSize(3);

    writes.get(1).completeExceptionally(new IllegalStateException("send buffer full"));
    assertThat(confirmed).isNotDone();
    writes.get(0).complete(null);
    assertThat(confirmed).isCompletedWithValue(3);
    assertThat(again).isCompletedWithValue(3);
    assertThat(router.publishInFlight(TOPIC, new byte[] {9})).isEmpty();
    assertThat(router.hasSeen(GossipRouterTest.sha256Id(plain(9)))).isTrue();
  }

  @Test
  void aConfirmedPublishWhoseWritesAllFailIsNotSeenSoARetryGoesOut() {
    final GossipRouter router = router(GossipParams.ETH2, ValidationBackpressure.defaultFor(1024));
    holdWrites = true;
    final CompletableFuture<Integer> confirmed = router.publishConfirmed(TOPIC, new byte[] {9});
    writes.forEach(w -> w.completeExceptionally(new IllegalStateException("stream reset")));
    assertThat(confirmed).isCompletedWithValue(0);
    assertThat(router.hasSeen(GossipRouterTest.sha256Id(plain(9)))).isFalse();

    holdWrites = false;
    messagesSentTo.clear();
    assertThat(router.publishConfirmed(TOPIC, new byte[] {9})).isCompletedWithValue(3);
    assertThat(messagesSentTo).containsExactlyInAnyOrder(P0, P1, P2);
  }

  @Test
  void everyReceivedMessageGetsOneOutcomeForTheMetrics() {
    final GossipRouter router =
        router(
            GossipParams.ETH2.withValidationBounds(2, Duration.ofSeconds(30)),
            ValidationBackpressure.defaultFor(2));
    final List<GossipEvents.Outcome> outcomes = new ArrayList<>();
    router.setEvents(
        new GossipEvents() {
          @Override
          public void received(final String topic, final Outcome outcome) {
            outcomes.add(outcome);
          }
        });
    router.onRpc(P0, message(1));
    router.onRpc(P1, message(1)); // seen while pending
    router.onRpc(P0, message(2));
    router.onRpc(P0, message(3)); // two pending already: dropped unvalidated
    validations.get(0).complete(GossipValidator.Result.ACCEPT);
    validations.get(1).completeExceptionally(new RejectedExecutionException("full"));
    router.onRpc(P0, message(4));
    validations.get(2).complete(GossipValidator.Result.REJECT);
    assertThat(outcomes)
        .containsExactly(
            GossipEvents.Outcome.DUPLICATE,
            GossipEvents.Outcome.DROPPED,
            GossipEvents.Outcome.ACCEPT,
            GossipEvents.Outcome.DROPPED,
            GossipEvents.Outcome.REJECT);
  }

  @Test
  void theRouterRefusesToPauseAboveItsHardBound() {
    final GossipParams params = GossipParams.ETH2.withValidationBounds(4, Duration.ofSeconds(1));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> router(params, new ValidationBackpressure(5, 1, 10, 5)));
  }

  private GossipRouter router(
      final GossipParams params, final ValidationBackpressure backpressure) {
    return router(
        params,
        backpressure,
        (from, message) -> {
          final CompletableFuture<GossipValidator.Result> verdict = new CompletableFuture<>();
          validations.add(verdict);
          return verdict;
        });
  }

  private GossipRouter router(
      final GossipParams params,
      final ValidationBackpressure backpressure,
      final GossipValidator validator) {
    final BiFunction<PeerId, GossipRpc, CompletionStage<Void>> send =
        (peer, rpc) -> {
          if (rpc.messages().isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          messagesSentTo.add(peer);
          final CompletableFuture<Void> write =
              holdWrites ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
          writes.add(write);
          return write;
        };
    final GossipRouter router =
        new GossipRouter(
            params,
            GossipRouterTest::sha256Id,
            validator,
            (id, message) -> delivered.add(message),
            send::apply,
            Instant::now,
            scoring(),
            backpressure,
            new InboundReadGate() {
              @Override
              public void pauseReading() {
                gate.add("pause");
              }

              @Override
              public void resumeReading() {
                gate.add("resume");
              }
            });
    for (final PeerId p : PEERS) {
      router.onOutboundStream(p);
      router.onRpc(p, GossipRpc.of(List.of(new Subscription(true, TOPIC))));
    }
    router.subscribe(TOPIC);
    messagesSentTo.clear();
    writes.clear();
    return router;
  }

  private static GossipScoreConfig scoring() {
    final TopicScoreParams topic =
        new TopicScoreParams(
            1, 0, Duration.ofSeconds(1), 1, 1, 0.5, 100, 0, 0.5, 1, 1, Duration.ZERO,
            Duration.ofSeconds(1), 0, 0.5, -10, 0.5);
    return new GossipScoreConfig(
        new PeerScoreParams(
            Map.of(TOPIC, topic), 0, 1, 0, 1, -1, 0, 0.5, Duration.ofSeconds(1), 0.01,
            Duration.ofSeconds(60)),
        new PeerScoreThresholds(-5, -15, -35, 0, 5),
        GossipScoreConfig.DEFAULT_D_SCORE,
        Optional.empty(),
        p -> 0.0);
  }

  private static GossipMessage plain(final int n) {
    return GossipMessage.unsigned(TOPIC, new byte[] {(byte) n});
  }

  private static GossipRpc message(final int n) {
    return new GossipRpc(List.of(), List.of(plain(n)), Control.EMPTY);
  }

  private static GossipRpc message(final int n, final int size) {
    final byte[] data = new byte[size];
    data[0] = (byte) n;
    return new GossipRpc(
        List.of(), List.of(GossipMessage.unsigned(TOPIC, data)), Control.EMPTY);
  }
}
