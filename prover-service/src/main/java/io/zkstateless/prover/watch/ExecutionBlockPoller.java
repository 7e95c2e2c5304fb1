package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.jobs.ProofJobStore;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The {@code execution} watch source: polls {@code eth_blockNumber} and makes jobs for every block
 * number up to the head with {@code eth_getBlockByNumber}. It resumes after the highest block the
 * job table knows (at most {@code maxBackfillBlocks} behind the head). It sees only the execution
 * client's canonical chain, and it cannot know a block's beacon root: records carry a zero root and
 * a slot derived from the timestamp (0 without {@code prover.watch.genesis-time}). Prefer the
 * {@code beacon} source where a beacon node is at hand.
 */
public final class ExecutionBlockPoller implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionBlockPoller.class);

  private final Web3j web3j;
  private final ProofJobStore store;
  private final List<String> proofTypes;
  private final WatchProperties config;
  private final Clock clock;
  private long next = -1;
  private volatile boolean running;
  private ScheduledExecutorService scheduler;

  public ExecutionBlockPoller(
      final Web3j web3j,
      final ProofJobStore store,
      final List<String> proofTypes,
      final WatchProperties config,
      final Clock clock) {
    this.web3j = web3j;
    this.store = store;
    this.proofTypes = List.copyOf(proofTypes);
    this.config = config;
    this.clock = clock;
  }

  @Override
  public void start() {
    running = true;
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("el-block-poller").daemon().factory());
    scheduler.scheduleWithFixedDelay(
        this::safePoll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void safePoll() {
    try {
      poll();
    } catch (final IOException | RuntimeException e) {
      // Untrusted answers (malformed hex, missing fields) surface as runtime exceptions of web3j.
      LOG.warn("Polling the execution client for blocks failed: {}", e.toString());
    }
  }

  /** One round: jobs for the blocks since the last round; how many jobs were new. */
  synchronized int poll() throws IOException {
    final long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    if (next < 0) {
      final long resume = store.highestBlockNumber().orElse(head - 1) + 1;
      next = Math.max(resume, head - config.maxBackfillBlocks() + 1);
    }
    int created = 0;
    while (next <= head) {
      final EthBlock.Block block =
          web3j
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(next)), false)
              .send()
              .getBlock();
      if (block == null) {
        return created;
      }
      created += store.enqueue(toBlockRef(block), proofTypes, clock.instant());
      next++;
    }
    return created;
  }

  private BlockRef toBlockRef(final EthBlock.Block block) {
    final long timestamp =
        block.getTimestampRaw() == null ? 0 : block.getTimestamp().longValueExact();
    final long gasUsed = block.getGasUsedRaw() == null ? 0 : block.getGasUsed().longValueExact();
    return new BlockRef(
        Bytes32.fromHex(block.getHash()),
        block.getNumber().longValueExact(),
        config.slotAt(timestamp),
        Bytes32.ZERO,
        gasUsed);
  }
}
