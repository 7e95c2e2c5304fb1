package io.zkstateless.validator.gossip;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the gossip input: UP while the p2p node runs; UP with "disabled" when stateless
 * validation is off (then the validator takes proofs from Kafka and the admin API only).
 */
public final class P2pHealthIndicator implements HealthIndicator {

  private final Optional<ValidatorP2pNode> node;

  P2pHealthIndicator(final Optional<ValidatorP2pNode> node) {
    this.node = node;
  }

  @Override
  public Health health() {
    if (node.isEmpty()) {
      return Health.up().withDetail("p2p", "disabled (zk.stateless-validation=false)").build();
    }
    if (!node.get().isRunning()) {
      return Health.down().withDetail("reason", "p2p node is not running").build();
    }
    return Health.up()
        .withDetail("peerId", node.get().peerId().toBase58())
        .withDetail("connections", node.get().connectionCount())
        .build();
  }
}
