package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.jobs.ProofJobStore;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
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
 * job table knows (at most {@code maxBackfillBlocks} behind the head). After a reorg the new
 * canonical blocks sit at numbers already passed, so each round also walks the parents ({@code
 * eth_getBlockByHash}) of the first new block, or of the head if there is none, until a block the
 * job table knows (at most {@code maxBackfillBlocks}): every block that was ever canonical while the
 * poller looked is proved. Side branches the client never made canonical stay unseen, and it
 * cannot know a block's beacon root: records carry a zero root and a slot derived from the
 * timestamp (0 without {@code prover.watch.genesis-time}). Prefer the {@code beacon} source where a
 * beacon node is at hand.
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
    final OptionalLong highest = store.highestBlockNumber();
    if (next < 0) {
      final long resume = highest.orElse(head - 1) + 1;
      next = Math.max(resume, head - config.maxBackfillBlocks() + 1);
    }
    int created = 0;
    EthBlock.Block first = null;
    while (next <= head) {
      final EthBlock.Block block = byNumber(next);
      if (block == null) {
        break;
      }
      created += store.enqueue(toBlockRef(block), proofTypes, clock.instant());
      first = first == null ? block : first;
      next++;
    }
    // A fresh prover starts at the head: there is nothing to connect its first block to.
    if (highest.isPresent()) {
      created += enqueueUnknownAncestors(first != null ? parentOf(first) : byNumber(head));
    }
    return created;
  }

  /**
   * Jobs for {@code block} and its ancestors back to the first block the job table knows, oldest
   * first (so a crash part-way leaves a known prefix); how many jobs were new. The walk stays at
   * or above the lowest block number in the table: blocks from before the prover started are not
   * its business, on any branch.
   */
  private int enqueueUnknownAncestors(final EthBlock.Block block) throws IOException {
    final Deque<EthBlock.Block> unknown = new ArrayDeque<>();
    final long floor = store.lowestBlockNumber().orElse(Long.MAX_VALUE);
    EthBlock.Block at = block;
    while (at != null
        && unknown.size() < config.maxBackfillBlocks()
        && at.getNumber().longValueExact() >= floor
        && !store.knowsExecutionBlock(Bytes32.fromHex(at.getHash()))) {
      unknown.push(at);
      at = at.getNumber().signum() == 0 ? null : parentOf(at);
    }
    int created = 0;
    while (!unknown.isEmpty()) {
      created += store.enqueue(toBlockRef(unknown.pop()), proofTypes, clock.instant());
    }
    if (created > 0) {
      LOG.info("Found {} jobs for blocks that became canonical at numbers already passed", created);
    }
    return created;
  }

  private EthBlock.Block byNumber(final long number) throws IOException {
    return web3j
        .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
        .send()
        .getBlock();
  }

  /** The parent, or null if the block names none or the client does not have it. */
  private EthBlock.Block parentOf(final EthBlock.Block block) throws IOException {
    final String parentHash = block.getParentHash();
    return parentHash == null ? null : web3j.ethGetBlockByHash(parentHash, false).send().getBlock();
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
