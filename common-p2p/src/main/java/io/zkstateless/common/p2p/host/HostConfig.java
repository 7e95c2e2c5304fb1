package io.zkstateless.common.p2p.host;

import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.yamux.YamuxSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;

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
    int ioThreads,
    List<String> muxers) {

  public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONNECTIONS = 128;

  /** yamux first: the consensus spec says it MUST take precedence over mplex. */
  public static final List<String> DEFAULT_MUXERS =
      List.of(YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID);

  public HostConfig {
    protocols = List.copyOf(protocols);
    muxers = List.copyOf(muxers);
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("a host needs at least one protocol");
    }
    if (protocols.stream().map(ProtocolHandler::protocolId).distinct().count()
        != protocols.size()) {
      throw new IllegalArgumentException("protocol ids must be unique");
    }
    if (muxers.isEmpty()
        || !DEFAULT_MUXERS.containsAll(muxers)
        || Set.copyOf(muxers).size() != muxers.size()) {
      throw new IllegalArgumentException("muxers must be distinct ones of " + DEFAULT_MUXERS);
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
    return new HostConfig(
        identity, protocols, DEFAULT_UPGRADE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, 1, DEFAULT_MUXERS);
  }

  /** This configuration offering only {@code offered} muxers, in that order. */
  public HostConfig withMuxers(final List<String> offered) {
    return new HostConfig(identity, protocols, upgradeTimeout, maxConnections, ioThreads, offered);
  }
}
