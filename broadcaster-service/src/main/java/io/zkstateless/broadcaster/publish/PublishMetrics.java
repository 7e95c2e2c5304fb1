package io.zkstateless.broadcaster.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code broadcaster_published_total{result}} (published, dropped, dead_lettered, undecodable) and
 * {@code broadcaster_publish_seconds}, the latency of one gossip publish call.
 */
public final class PublishMetrics {

  private final MeterRegistry registry;
  private final Timer latency;

  public PublishMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("broadcaster_publish_seconds")
            .description("Latency of one gossip publish, success or not")
            .publishPercentileHistogram()
            .register(registry);
    for (final BroadcastResult.Result result : BroadcastResult.Result.values()) {
      counter(result.tag());
    }
    counter("undecodable");
  }

  public void outcome(final BroadcastResult.Result result) {
    counter(result.tag()).increment();
  }

  /** A record whose value or headers did not decode; it goes straight to the dead-letter topic. */
  public void undecodable() {
    counter("undecodable").increment();
  }

  void publishTook(final Duration took) {
    latency.record(took);
  }

  private Counter counter(final String result) {
    return Counter.builder("broadcaster_published_total")
        .description("Proofs by final outcome")
        .tag("result", result)
        .register(registry);
  }
}
