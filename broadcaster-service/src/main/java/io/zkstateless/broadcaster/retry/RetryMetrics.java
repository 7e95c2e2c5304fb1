package io.zkstateless.broadcaster.retry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code broadcaster_retry_queue}: proofs waiting in the retry topics, measured as the consumer lag
 * of the retry topics' groups (end offset minus committed offset). Lag survives restarts, unlike an
 * in-memory count, and counts exactly what a restart would still have to retry. -1 until the first
 * measurement succeeds.
 */
public final class RetryMetrics {

  private final AtomicLong queued = new AtomicLong(-1);

  public RetryMetrics(final MeterRegistry registry) {
    Gauge.builder("broadcaster_retry_queue", queued, AtomicLong::get)
        .description("Proofs waiting in the retry topics (consumer lag)")
        .register(registry);
  }

  void measured(final long lag) {
    queued.set(lag);
  }

  public long queued() {
    return queued.get();
  }
}
