package io.zkstateless.broadcaster.publish;

import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.fork.ForkDigestSource;
import io.zkstateless.broadcaster.gossip.GossipPublisher;
import io.zkstateless.broadcaster.gossip.PublishOutcome;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one publish attempt for a proof: drops it if it is past its usefulness window or on a
 * subnet we do not serve, otherwise snappy-compresses its SSZ and publishes it on the subnet's
 * topic. No peer reached, an error or a timeout mean "retry later"; already seen is success.
 */
public final class ProofBroadcaster {

  private final GossipPublisher gossip;
  private final ForkDigestSource forkDigest;
  private final ExecutionProofSchema schema;
  private final ServedSubnets subnets;
  private final Duration usefulnessWindow;
  private final Duration publishTimeout;
  private final Clock clock;
  private final PublishMetrics metrics;

  public ProofBroadcaster(
      final GossipPublisher gossip,
      final ForkDigestSource forkDigest,
      final ExecutionProofSchema schema,
      final ServedSubnets subnets,
      final Duration usefulnessWindow,
      final Duration publishTimeout,
      final Clock clock,
      final PublishMetrics metrics) {
    this.gossip = gossip;
    this.forkDigest = forkDigest;
    this.schema = schema;
    this.subnets = subnets;
    this.usefulnessWindow = usefulnessWindow;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * @param attempt this attempt's number, 1 for the first
   */
  public Attempt attempt(final ExecutionProof proof, final int attempt) {
    final String blockHash = proof.blockHash().toHexString();
    final int subnet = proof.subnetId().value();
    if (!subnets.serves(subnet)) {
      return dropped(
          blockHash,
          subnet,
          attempt - 1,
          "subnet " + subnet + " is not served by this broadcaster");
    }
    final Instant now = clock.instant();
    // The timestamp is uint64: a "negative" long is far in the future, never stale.
    if (proof.timestamp() >= 0
        && proof.timestamp() < now.minus(usefulnessWindow).getEpochSecond()) {
      return dropped(
          blockHash,
          subnet,
          attempt - 1,
          "stale: proof timestamp "
              + proof.timestamp()
              + " is older than the usefulness window of "
              + usefulnessWindow);
    }
    final GossipTopic topic = GossipTopic.executionProof(forkDigest.current().toBytes(), subnet);
    final byte[] data = SnappyBlock.compress(schema.encode(proof));
    final long started = System.nanoTime();
    try {
      final PublishOutcome outcome =
          gossip.publish(topic, data).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return switch (outcome) {
        case PublishOutcome.AlreadySeen seen ->
            published(blockHash, subnet, attempt, 0, "already seen");
        case PublishOutcome.Sent sent when sent.peers() > 0 ->
            published(blockHash, subnet, attempt, sent.peers(), null);
        case PublishOutcome.Sent sent -> new Attempt.RetryLater("no peers on " + topic);
        case PublishOutcome.TooLarge tooLarge ->
            dropped(
                blockHash,
                subnet,
                attempt,
                "too large for gossip: " + tooLarge.size() + " > " + tooLarge.max() + " bytes");
      };
    } catch (final ExecutionException e) {
      final Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Attempt.RetryLater(
          "publish failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (final TimeoutException e) {
      return new Attempt.RetryLater("publish timed out after " + publishTimeout);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt.RetryLater("interrupted while publishing");
    } finally {
      metrics.publishTook(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static Attempt published(
      final String blockHash,
      final int subnet,
      final int attempts,
      final int peers,
      final String reason) {
    return new Attempt.Final(
        new BroadcastResult(
            blockHash, subnet, BroadcastResult.Result.PUBLISHED, attempts, peers, reason));
  }

  private static Attempt dropped(
      final String blockHash, final int subnet, final int attempts, final String reason) {
    return new Attempt.Final(
        new BroadcastResult(
            blockHash, subnet, BroadcastResult.Result.DROPPED, attempts, 0, reason));
  }
}
