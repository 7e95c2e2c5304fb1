package io.zkstateless.validator.follow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The follower's meters: events by type and result, and reconnects. */
public class FollowerMetrics {

  private final MeterRegistry registry;
  private final Counter disconnects;

  public FollowerMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.disconnects =
        Counter.builder("validator_beacon_disconnects_total")
            .description("Times the beacon node event stream failed and was reopened")
            .register(registry);
  }

  void disconnected() {
    disconnects.increment();
  }

  /** {@code type} is one of the four subscribed topics, so the tag stays bounded. */
  void event(final String type, final String result) {
    final String boundedType =
        switch (type) {
          case "head", "block", "finalized_checkpoint", "chain_reorg" -> type;
          default -> "other";
        };
    Counter.builder("validator_beacon_events_total")
        .description("Beacon API events received, by type and whether they were applied")
        .tag("type", boundedType)
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
