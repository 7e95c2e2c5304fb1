package io.zkstateless.validator.dashboard;

import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples the heads into the {@link HeadHistory} on a fixed interval. A timer rather than chain
 * events: the chart's time axis then stays even while the chain stalls, which is when an operator
 * looks at it.
 */
final class HeadSampler implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(HeadSampler.class);

  private final ProvenChainService chain;
  private final HeadHistory history;
  private final Duration interval;
  private final Clock clock;
  private ScheduledExecutorService timer;

  HeadSampler(final ProvenChainService chain, final HeadHistory history, final Duration interval, final Clock clock) {
    this.chain = chain;
    this.history = history;
    this.interval = interval;
    this.clock = clock;
  }

  /** Adds one sample; nothing before the view has a finalized checkpoint. */
  void sample() {
    chain.heads().ifPresent(heads -> history.add(sampleOf(heads)));
  }

  private HeadHistory.HeadSample sampleOf(final ChainHeads heads) {
    return new HeadHistory.HeadSample(clock.millis(), heads.optimisticHead().slot(), heads.provenHead().slot());
  }

  @Override
  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dashboard-sampler").daemon().factory());
    timer.scheduleAtFixedRate(this::sampleSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An exception would cancel the schedule for good; a failed sample is only a gap in the chart. */
  private void sampleSafely() {
    try {
      sample();
    } catch (final RuntimeException e) {
      LOG.debug("Head sample skipped: {}", e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
