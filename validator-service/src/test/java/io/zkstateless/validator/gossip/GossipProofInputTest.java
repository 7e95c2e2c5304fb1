package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A proof the validation executor has no room for gets no verdict: its stage fails. */
class GossipProofInputTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());

  @Test
  void aFullExecutorFailsTheStageInsteadOfIgnoringAndCountsIt() throws Exception {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ProofIngestionPipeline pipeline = mock(ProofIngestionPipeline.class);
    final ThreadPoolExecutor executor =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    final CountDownLatch release = new CountDownLatch(1);
    executor.execute(() -> awaitQuietly(release)); // the only thread is busy
    executor.execute(() -> {}); // and the only queue slot taken
    try (GossipProofInput input =
        new GossipProofInput(
            pipeline,
            executor,
            new PeerRejectTracker(16, Duration.ofMinutes(1)),
            peer -> {},
            new GossipMetrics(registry),
            Clock.systemUTC())) {
      final var stage = input.validate(PEER, 1, proof()).toCompletableFuture();
      assertThat(stage)
          .isCompletedExceptionally()
          .failsWithin(Duration.ZERO)
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(RejectedExecutionException.class);
      assertThat(registry.get("validator_gossip_overloaded_total").counter().count())
          .isEqualTo(1.0);
      verifyNoInteractions(pipeline);
      release.countDown();
    }
  }

  private static ExecutionProof proof() {
    return new ExecutionProof(
        Bytes32.ZERO, new ExecutionProofSubnetId(1), 1, ImmutableBytes.of(new byte[] {1}), 0);
  }

  private static void awaitQuietly(final CountDownLatch latch) {
    try {
      latch.await();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
