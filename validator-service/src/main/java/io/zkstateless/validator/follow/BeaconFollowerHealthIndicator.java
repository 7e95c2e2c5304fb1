package io.zkstateless.validator.follow;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Ready only while the follower is following the node's head; liveness never depends on it. */
public class BeaconFollowerHealthIndicator implements HealthIndicator {

  private final BeaconFollowerRunner runner;

  public BeaconFollowerHealthIndicator(final BeaconFollowerRunner runner) {
    this.runner = runner;
  }

  @Override
  public Health health() {
    final BeaconFollowerRunner.FollowerStatus status = runner.status();
    final Health.Builder builder =
        status.state() == FollowerState.FOLLOWING ? Health.up() : Health.outOfService();
    builder.withDetail("state", status.state());
    if (status.since() != null) {
      builder.withDetail("since", status.since().toString());
    }
    if (status.lastError() != null) {
      builder.withDetail("lastError", status.lastError());
    }
    return builder.build();
  }
}
