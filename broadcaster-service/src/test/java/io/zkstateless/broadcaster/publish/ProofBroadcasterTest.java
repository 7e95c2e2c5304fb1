package io.zkstateless.broadcaster.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.gossip.PublishOutcome;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProofBroadcasterTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final ScriptedGossipPublisher gossip = new ScriptedGossipPublisher();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProofBroadcaster broadcaster =
      new ProofBroadcaster(
          gossip,
          () -> ForkDigest.fromHex("bfe0d3f4"),
          ExecutionProofSchema.DEFAULT,
          new ServedSubnets(Set.of(1, 7)),
          Duration.ofMinutes(10),
          Duration.ofMillis(200),
          Clock.fixed(NOW, ZoneOffset.UTC),
          new PublishMetrics(registry));

  @Test
  void publishesSnappySszOnTheSubnetTopic() {
    final ExecutionProof proof = Proofs.at(7, NOW.getEpochSecond());
    final Attempt attempt = broadcaster.attempt(proof, 1);
    assertThat(attempt)
        .isEqualTo(
            new Attempt.Final(
                new BroadcastResult(
                    proof.blockHash().toHexString(),
                    7,
                    BroadcastResult.Result.PUBLISHED,
                    1,
                    3,
                    null)));
    final var sent = gossip.publicationsOf(proof.blockHash().toHexString());
    assertThat(sent)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.topic()).isEqualTo("/eth2/bfe0d3f4/execution_proof_7/ssz_snappy");
              assertThat(p.proof()).isEqualTo(proof);
            });
    assertThat(registry.get("broadcaster_publish_seconds").timer().count()).isEqualTo(1);
  }

  @Test
  void alreadySeenIsSuccess() {
    final ExecutionProof proof = Proofs.at(1, NOW.getEpochSecond());
    gossip.script(proof.blockHash().toHexString(), ScriptedGossipPublisher.alreadySeen());
    assertThat(broadcaster.attempt(proof, 3))
        .isEqualTo(
            new Attempt.Final(
                new BroadcastResult(
                    proof.blockHash().toHexString(),
                    1,
                    BroadcastResult.Result.PUBLISHED,
                    3,
                    0,
                    "already seen")));
  }

  @Test
  void noPeersFailureAndTimeoutAreRetried() {
    final ExecutionProof proof = Proofs.at(1, NOW.getEpochSecond());
    gossip.script(
        proof.blockHash().toHexString(),
        ScriptedGossipPublisher.noPeers(),
        ScriptedGossipPublisher.fail("mesh gone"),
        () -> new CompletableFuture<PublishOutcome>());
    assertThat(broadcaster.attempt(proof, 1))
        .isEqualTo(
            new Attempt.RetryLater("no peers on /eth2/bfe0d3f4/execution_proof_1/ssz_snappy"));
    assertThat(broadcaster.attempt(proof, 2))
        .isEqualTo(new Attempt.RetryLater("publish failed: IllegalStateException: mesh gone"));
    assertThat(broadcaster.attempt(proof, 3))
        .isEqualTo(new Attempt.RetryLater("publish timed out after PT0.2S"));
  }

  @Test
  void aMessageTooLargeForGossipIsDroppedNotRetried() {
    final ExecutionProof proof = Proofs.at(1, NOW.getEpochSecond());
    gossip.script(
        proof.blockHash().toHexString(),
        () -> CompletableFuture.completedFuture(PublishOutcome.tooLarge(11_000_000, 10_485_760)));
    assertThat(broadcaster.attempt(proof, 2))
        .isInstanceOfSatisfying(
            Attempt.Final.class,
            f -> {
              assertThat(f.result().result()).isEqualTo(BroadcastResult.Result.DROPPED);
              assertThat(f.result().attempts()).isEqualTo(2);
              assertThat(f.result().reason())
                  .isEqualTo("too large for gossip: 11000000 > 10485760 bytes");
            });
  }

  @Test
  void dropsStaleProofsAndUnservedSubnetsWithoutPublishing() {
    final ExecutionProof stale = Proofs.at(1, NOW.minus(Duration.ofMinutes(11)).getEpochSecond());
    final ExecutionProof unserved = Proofs.at(2, NOW.getEpochSecond());
    assertThat(broadcaster.attempt(stale, 2))
        .isInstanceOfSatisfying(
            Attempt.Final.class,
            f -> {
              assertThat(f.result().result()).isEqualTo(BroadcastResult.Result.DROPPED);
              assertThat(f.result().attempts()).isEqualTo(1);
              assertThat(f.result().reason()).startsWith("stale: proof timestamp");
            });
    assertThat(broadcaster.attempt(unserved, 1))
        .isInstanceOfSatisfying(
            Attempt.Final.class,
            f ->
                assertThat(f.result().reason())
                    .isEqualTo("subnet 2 is not served by this broadcaster"));
    assertThat(gossip.publicationsOf(stale.blockHash().toHexString())).isEmpty();
    assertThat(gossip.publicationsOf(unserved.blockHash().toHexString())).isEmpty();
  }

  @Test
  void aFutureOrUint64TimestampIsNeverStale() {
    final ExecutionProof future = Proofs.at(1, -1L);
    assertThat(broadcaster.attempt(future, 1))
        .isInstanceOfSatisfying(
            Attempt.Final.class,
            f -> assertThat(f.result().result()).isEqualTo(BroadcastResult.Result.PUBLISHED));
  }

  @Test
  void resultJsonHasTheDocumentedFields() {
    assertThat(
            new BroadcastResult(
                    "0xab", 3, BroadcastResult.Result.DEAD_LETTERED, 6, 0, "no \"peers\"")
                .toJson())
        .isEqualTo(
            "{\"block_hash\":\"0xab\",\"subnet\":3,\"result\":\"dead_lettered\",\"attempts\":6,"
                + "\"peers_reached\":0,\"reason\":\"no \\\"peers\\\"\"}");
  }
}
