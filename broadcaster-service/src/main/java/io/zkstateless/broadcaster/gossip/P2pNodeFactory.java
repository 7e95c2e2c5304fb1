package io.zkstateless.broadcaster.gossip;

import io.zkstateless.broadcaster.config.P2pProperties;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.util.List;

/** Turns {@code broadcaster.p2p.*} into an {@link Eth2NodeConfig}. */
final class P2pNodeFactory {

  private P2pNodeFactory() {}

  static Eth2NodeConfig nodeConfig(final P2pProperties p2p, final String forkDigestHex) {
    final Secp256k1PrivateKey identity =
        p2p.identityKeyFile() == null
            ? Secp256k1PrivateKey.generate()
            : NodeKeyFile.loadOrCreate(p2p.identityKeyFile());
    final List<Multiaddr> staticPeers =
        p2p.staticPeers().stream().map(Multiaddr::fromString).toList();
    return Eth2NodeConfig.of(
        identity, listenAddress(p2p.listenAddress(), p2p.listenPort()), staticPeers, forkDigestHex);
  }

  static Multiaddr listenAddress(final String host, final int port) {
    final String family = host.contains(":") ? "ip6" : "ip4";
    return Multiaddr.fromString("/" + family + "/" + host + "/tcp/" + port);
  }
}
