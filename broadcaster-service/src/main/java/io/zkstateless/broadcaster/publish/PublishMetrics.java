package io.zkstateless.broadcaster.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code broadcaster_published_total{result}} (published, dropped, dead_lettered, undecodable) and
 * the stages of one proof: {@code broadcaster_record_age_seconds} (from the record's Kafka
 * timestamp to the listener: the producer, the broker and any queue in front of the listener),
 * {@code broadcaster_publish_seconds} (one gossip publish call) and {@code
 * broadcaster_result_ack_seconds} (from sending the {@code broadcast-results} record to its
 * acknowledgement, which is when the proof's offset may be committed).
 */
public final class PublishMetrics {

  private final MeterRegistry registry;
  private final Timer latency;
  private final Timer recordAge;
  private final Timer resultAck;

  public PublishMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("broadcaster_publish_seconds")
            .description("Latency of one gossip publish, success or not")
            .publishPercentileHistogram()
            .register(registry);
    this.recordAge =
        Timer.builder("broadcaster_record_age_seconds")
            .description("From a proof record's Kafka timestamp to the listener receiving it")
            .publishPercentileHistogram()
            .register(registry);
    this.resultAck =
        Timer.builder("broadcaster_result_ack_seconds")
            .description("From sending a broadcast-results record to Kafka acknowledging it")
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

  /** How long a record took from its producer to the listener; negative ages (clock skew) are 0. */
  public void recordAge(final Duration age) {
    recordAge.record(age.isNegative() ? Duration.ZERO : age);
  }

  void resultAckTook(final Duration took) {
    resultAck.record(took);
  }

  private Counter counter(final String result) {
    return Counter.builder("broadcaster_published_total")
        .description("Proofs by final outcome")
        .tag("result", result)
        .register(registry);
  }
}
