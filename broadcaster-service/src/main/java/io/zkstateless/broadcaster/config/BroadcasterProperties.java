package io.zkstateless.broadcaster.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code broadcaster.*}. The fork digest comes either from {@code fork-digest} (4 bytes of hex, for
 * a fixed network) or from the beacon node at {@code beacon-url}; exactly one must be set.
 *
 * @param forkDigest fixed fork digest, e.g. {@code 0xbfe0d3f4}
 * @param beaconUrl beacon node whose genesis, fork schedule and spec yield the digest
 * @param usefulnessWindow a proof whose timestamp is older than this is dropped, not published
 * @param subnets subnets served; empty means all {@code zk.max-execution-proof-subnets}
 * @param retry the non-blocking retry policy
 * @param p2p the libp2p node
 * @param kafka topic and group names
 */
@Validated
@ConfigurationProperties("broadcaster")
public record BroadcasterProperties(
    String forkDigest,
    URI beaconUrl,
    @DefaultValue("PT12M48S") @NotNull Duration usefulnessWindow,
    @DefaultValue Set<Integer> subnets,
    @DefaultValue @Valid RetryProperties retry,
    @DefaultValue @Valid P2pProperties p2p,
    @DefaultValue @Valid KafkaTopicsProperties kafka) {

  public BroadcasterProperties {
    if (beaconUrl != null && beaconUrl.toString().isBlank()) {
      beaconUrl = null;
    }
    final boolean digest = forkDigest != null && !forkDigest.isBlank();
    if (digest == (beaconUrl != null)) {
      throw new IllegalArgumentException(
          "set exactly one of broadcaster.fork-digest and broadcaster.beacon-url");
    }
    if (digest && !forkDigest.matches("(0x)?[0-9a-fA-F]{8}")) {
      throw new IllegalArgumentException(
          "broadcaster.fork-digest must be 4 bytes of hex, e.g. 0xbfe0d3f4: '" + forkDigest + "'");
    }
    if (usefulnessWindow != null && (usefulnessWindow.isNegative() || usefulnessWindow.isZero())) {
      throw new IllegalArgumentException("broadcaster.usefulness-window must be positive");
    }
    subnets = Set.copyOf(subnets);
    for (final int subnet : subnets) {
      if (subnet < 0) {
        throw new IllegalArgumentException("broadcaster.subnets: negative subnet " + subnet);
      }
    }
  }
}
