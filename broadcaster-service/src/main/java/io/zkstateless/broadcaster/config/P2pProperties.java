package io.zkstateless.broadcaster.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code broadcaster.p2p.*}: the libp2p node the broadcaster publishes through.
 *
 * @param enabled start the node; without it there is no p2p node, readiness is DOWN and nothing is
 *     consumed
 * @param listenAddress interface to listen on
 * @param listenPort TCP port (0 picks a free one)
 * @param identityKeyFile secp256k1 private key file (hex); absent means a fresh key each start
 * @param staticPeers multiaddrs dialled at start, e.g. {@code /ip4/10.0.0.5/tcp/9000/p2p/16Uiu2...}
 */
public record P2pProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("0.0.0.0") @NotBlank String listenAddress,
    @DefaultValue("9000") @Min(0) @Max(65535) int listenPort,
    Path identityKeyFile,
    @DefaultValue List<String> staticPeers) {

  public P2pProperties {
    staticPeers = List.copyOf(staticPeers);
    for (final String peer : staticPeers) {
      if (!peer.startsWith("/") || !peer.contains("/p2p/")) {
        throw new IllegalArgumentException(
            "broadcaster.p2p.static-peers: '"
                + peer
                + "' is not a multiaddr ending in /p2p/<peer id>");
      }
    }
  }
}
