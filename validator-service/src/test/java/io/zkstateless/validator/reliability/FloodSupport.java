package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.MOCK_SUBNET;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.multiformats.MultiaddrProtocol;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the gossip flood tests share: the honest peer, its proofs, the victim's port. */
final class FloodSupport {

  static final String FORK_DIGEST = "bfe0d3f4";
  static final GossipTopic TOPIC =
      new GossipTopic(FORK_DIGEST, GossipTopic.EXECUTION_PROOF_PREFIX + MOCK_SUBNET);

  private FloodSupport() {}

  /** A static peer of the validator that accepts everything and publishes the honest proofs. */
  static Eth2GossipNode honestPeer() throws Exception {
    final Eth2GossipNode peer = new Eth2GossipNode(
        Eth2NodeConfig.of(Secp256k1PrivateKey.generate(), Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"), List.of(),
            FORK_DIGEST),
        (from, m) -> CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT),
        (id, message) -> {});
    peer.start();
    peer.subscribe(TOPIC);
    return peer;
  }

  /** A valid mock proof of the block with execution hash {@code hash}. */
  static ExecutionProof validProof(final Bytes32 hash) {
    return new ExecutionProof(hash, ExecutionProofSubnetId.of(MOCK_SUBNET), 1,
        ImmutableBytes.of(MockProofScheme.create(hash, MOCK_SUBNET, 1024)), Instant.now().getEpochSecond());
  }

  static int port(final Multiaddr address) {
    return Integer.parseInt(address.valueOf(MultiaddrProtocol.TCP).orElseThrow());
  }
}
