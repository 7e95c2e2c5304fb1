package io.zkstateless.common.p2p.eth2;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.time.Duration;
import java.util.List;

/**
 * What an {@link Eth2GossipNode} needs: identity, where to listen, the static peers to keep dialled
 * (with exponential backoff between {@code redialInitial} and {@code redialMax}), and the fork
 * digest (8 lower-case hex digits) of its topics, and the registry of its {@code libp2p_*} meters
 * (an application's own; by default a registry of the node's own that nothing reads).
 */
public record Eth2NodeConfig(
    Secp256k1PrivateKey identity,
    Multiaddr listenAddress,
    List<Multiaddr> staticPeers,
    String forkDigestHex,
    Duration redialInitial,
    Duration redialMax,
    MeterRegistry meterRegistry) {

  public static final Duration DEFAULT_REDIAL_INITIAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_REDIAL_MAX = Duration.ofMinutes(1);

  public Eth2NodeConfig {
    staticPeers = List.copyOf(staticPeers);
    forkDigestHex = new GossipTopic(forkDigestHex, "execution_proof_0").forkDigestHex();
    if (!redialInitial.isPositive() || redialMax.compareTo(redialInitial) < 0) {
      throw new IllegalArgumentException("redial backoff must be positive and max >= initial");
    }
  }

  /** A configuration whose meters go to a registry of its own. */
  public Eth2NodeConfig(
      final Secp256k1PrivateKey identity,
      final Multiaddr listenAddress,
      final List<Multiaddr> staticPeers,
      final String forkDigestHex,
      final Duration redialInitial,
      final Duration redialMax) {
    this(
        identity,
        listenAddress,
        staticPeers,
        forkDigestHex,
        redialInitial,
        redialMax,
        new SimpleMeterRegistry());
  }

  /** This configuration with the node's meters on {@code registry} (a service's own). */
  public Eth2NodeConfig withMeterRegistry(final MeterRegistry registry) {
    return new Eth2NodeConfig(
        identity, listenAddress, staticPeers, forkDigestHex, redialInitial, redialMax, registry);
  }

  public static Eth2NodeConfig of(
      final Secp256k1PrivateKey identity,
      final Multiaddr listenAddress,
      final List<Multiaddr> staticPeers,
      final String forkDigestHex) {
    return new Eth2NodeConfig(
        identity,
        listenAddress,
        staticPeers,
        forkDigestHex,
        DEFAULT_REDIAL_INITIAL,
        DEFAULT_REDIAL_MAX);
  }
}
