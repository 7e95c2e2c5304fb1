package io.zkstateless.validator.gossip;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.p2p.eth2.reqresp.Status;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.follow.BeaconApiClient.Checkpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Status (eth2 req/resp) the validator's p2p node tells peers, so that consensus clients keep
 * it as a peer: the head is the follower's optimistic head (what the beacon node we follow has),
 * the finalized checkpoint is the beacon node's, polled every {@code pollInterval} (the follower
 * knows the finalized block but not its checkpoint epoch). Before the follower has a view the head
 * is zero; before the first successful poll the finalized checkpoint is epoch 0 and a zero root,
 * which a consensus client reads as a peer far behind, not as one on another chain.
 *
 * <p>{@link #get()} is called on network threads, so it only reads what the poller keeps.
 */
final class ValidatorStatusSource implements Supplier<Status>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorStatusSource.class);

  private final Supplier<String> forkDigestHex;
  private final Supplier<Optional<ChainHeads>> heads;
  private final Supplier<Checkpoint> fetchFinalized;
  private final AtomicReference<Checkpoint> finalized = new AtomicReference<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("validator-status-poll").daemon().factory());

  /**
   * @param forkDigestHex the fork digest the node's topics use now
   * @param heads the follower's view, empty before it has one
   * @param fetchFinalized asks the beacon node for its finalized checkpoint; may throw
   */
  ValidatorStatusSource(
      final Supplier<String> forkDigestHex,
      final Supplier<Optional<ChainHeads>> heads,
      final Supplier<Checkpoint> fetchFinalized) {
    this.forkDigestHex = forkDigestHex;
    this.heads = heads;
    this.fetchFinalized = fetchFinalized;
  }

  /** Polls the finalized checkpoint now and then every {@code interval}. */
  void start(final Duration interval) {
    poller.scheduleWithFixedDelay(
        this::pollFinalized, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void pollFinalized() {
    try {
      finalized.set(fetchFinalized.get());
    } catch (final RuntimeException e) {
      LOG.debug("Finalized checkpoint for our Status unavailable: {}", e.toString());
    }
  }

  @Override
  public Status get() {
    final Optional<BeaconBlock> head = heads.get().map(ChainHeads::optimisticHead);
    final Checkpoint checkpoint = finalized.get();
    return new Status(
        ImmutableBytes.fromHex(forkDigestHex.get()),
        checkpoint == null ? Bytes32.ZERO : checkpoint.root(),
        checkpoint == null ? 0 : checkpoint.epoch(),
        head.map(BeaconBlock::root).orElse(Bytes32.ZERO),
        head.map(BeaconBlock::slot).orElse(0L));
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
