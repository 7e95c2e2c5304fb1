package io.zkstateless.common.p2p.host;

import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link Host} needs: its identity, the protocols it answers, how long a connection may take
 * to upgrade, how many TCP connections (inbound and outbound, upgraded or not) it keeps at most,
 * and how many I/O threads it runs.
 */
public record HostConfig(
    Secp256k1PrivateKey identity,
    List<ProtocolHandler> protocols,
    Duration upgradeTimeout,
    int maxConnections,
    int ioThreads) {

  public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONNECTIONS = 128;

  public HostConfig {
    protocols = List.copyOf(protocols);
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("a host needs at least one protocol");
    }
    if (upgradeTimeout.isNegative() || upgradeTimeout.isZero()) {
      throw new IllegalArgumentException("upgrade timeout must be positive: " + upgradeTimeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
    }
  }

  public static HostConfig of(
      final Secp256k1PrivateKey identity, final List<ProtocolHandler> protocols) {
    return new HostConfig(identity, protocols, DEFAULT_UPGRADE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, 1);
  }
}
