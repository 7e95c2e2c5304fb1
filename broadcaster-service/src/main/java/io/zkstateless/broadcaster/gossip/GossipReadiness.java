package io.zkstateless.broadcaster.gossip;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the gossip side: UP while the p2p node runs. With {@code
 * broadcaster.p2p.enabled=false} there is no {@link GossipPublisher}; then this reports DOWN with
 * "no p2p node" and the Kafka listeners are never started, so proofs wait in Kafka instead of being
 * "published" nowhere.
 */
public final class GossipReadiness implements HealthIndicator {

  private final Optional<GossipPublisher> publisher;

  public GossipReadiness(final Optional<GossipPublisher> publisher) {
    this.publisher = publisher;
  }

  public boolean available() {
    return publisher.isPresent();
  }

  /** Peers per subnet as the node reports them; empty without a node. */
  public java.util.Map<Integer, Integer> peersPerSubnet() {
    return publisher.map(GossipPublisher::peersPerSubnet).orElse(java.util.Map.of());
  }

  @Override
  public Health health() {
    if (publisher.isEmpty()) {
      return Health.down()
          .withDetail("reason", "no p2p node: no GossipPublisher is configured")
          .build();
    }
    if (!publisher.get().isRunning()) {
      return Health.down().withDetail("reason", "p2p node is not running").build();
    }
    return Health.up().withDetail("peersPerSubnet", publisher.get().peersPerSubnet()).build();
  }
}
