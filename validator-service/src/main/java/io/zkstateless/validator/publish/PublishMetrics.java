package io.zkstateless.validator.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code validator_proven_blocks_published_total{type,result}}. */
public class PublishMetrics {

  private final MeterRegistry registry;

  public PublishMetrics(final MeterRegistry registry) {
    this.registry = registry;
  }

  void published(final String type) {
    counter(type, "success").increment();
  }

  void failed(final String type) {
    counter(type, "failure").increment();
  }

  private Counter counter(final String type, final String result) {
    return Counter.builder("validator_proven_blocks_published_total")
        .description("proven-blocks records sent to Kafka, by event type and result")
        .tag("type", type)
        .tag("result", result)
        .register(registry);
  }
}
