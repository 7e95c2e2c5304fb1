package io.zkstateless.validator.gossip;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipValidator;
import io.zkstateless.common.p2p.eth2.ProofGossipHandler;
import io.zkstateless.common.p2p.eth2.reqresp.Eth2ReqResp;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.ValidationBackpressure;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The validator's p2p node: subscribed to every execution-proof subnet {@code 0..max-1}, each
 * message judged by {@link GossipProofInput}. Its router holds at most as many messages awaiting a
 * verdict as the validation executor can take (threads plus queue), and stops reading from peers at
 * a quarter of that, or at {@code validation-backlog} bytes, so that peers are slowed down by TCP
 * rather than their messages dropped. With {@code reqResp} it also speaks eth2 req/resp (Status,
 * Ping, MetaData, Goodbye), without which consensus clients drop it within a minute.
 */
public final class ValidatorP2pNode implements AutoCloseable {

  private final Eth2GossipNode node;
  private final GossipProofInput input;
  private final int subnets;

  ValidatorP2pNode(
      final P2pProperties p2p,
      final int subnets,
      final GossipInputFactory inputs,
      final Optional<Eth2ReqResp> reqResp) {
    this.subnets = subnets;
    this.input = inputs.create(this::disconnect);
    final ProofGossipHandler handler =
        new ProofGossipHandler() {
          @Override
          public CompletionStage<GossipValidator.Result> validate(
              final PeerId from, final int topicSubnet, final ExecutionProof proof) {
            return input.validate(from, topicSubnet, proof);
          }

          @Override
          public void onInvalid(final PeerId from, final String topic, final String problem) {
            input.onUndecodable(from, topic + ": " + problem);
          }
        };
    final String digest = p2p.forkDigestHex();
    final ExecutionProofGossipCodec codec =
        new ExecutionProofGossipCodec(
            new ExecutionProofSchema(new ExecutionProofSubnetConfig(subnets)));
    final Eth2NodeConfig config = nodeConfig(p2p, digest);
    final int capacity = p2p.validationThreads() + p2p.validationQueue();
    this.node =
        new Eth2GossipNode(
            config,
            new ExecutionProofGossipValidator(digest, codec, handler),
            (id, message) -> {},
            reqResp,
            Eth2GossipNode.defaultScoring(config.forkDigestHex()),
            GossipParams.ETH2.withValidationBounds(
                capacity, GossipParams.ETH2.validationTimeout()),
            ValidationBackpressure.pauseAt(
                Math.max(1, capacity / 4), p2p.validationBacklog().toBytes()));
  }

  /** How many times the node stopped reading from its peers to let validation catch up. */
  public long readPauses() {
    return node.readPauses();
  }

  /** Starts the node and joins every subnet. */
  void start() throws Exception {
    node.start();
    for (int subnet = 0; subnet < subnets; subnet++) {
      node.subscribe(node.executionProofTopic(subnet));
    }
  }

  public boolean isRunning() {
    return node.isRunning();
  }

  public PeerId peerId() {
    return node.peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return node.listenAddresses();
  }

  public int connectionCount() {
    return node.connectionCount();
  }

  /** The gossipsub score of every connected gossip peer. */
  public Map<PeerId, Double> peerScores() {
    return node.peerScores();
  }

  public int graylistedPeerCount() {
    return node.graylistedPeerCount();
  }

  /** Connections the host closed because of what arrived on them (see {@code Host.rejections()}). */
  public ConnectionRejections connectionRejections() {
    return node.connectionRejections();
  }

    void disconnect(final PeerId peer) {
    node.disconnect(peer);
  }

  @Override
  public void close() {
    node.close();
    input.close();
  }

  private static Eth2NodeConfig nodeConfig(final P2pProperties p2p, final String digest) {
    final Secp256k1PrivateKey identity =
        p2p.identityKeyFile() == null
            ? Secp256k1PrivateKey.generate()
            : NodeKeyFile.loadOrCreate(p2p.identityKeyFile());
    final String family = p2p.listenAddress().contains(":") ? "ip6" : "ip4";
    return Eth2NodeConfig.of(
        identity,
        Multiaddr.fromString("/" + family + "/" + p2p.listenAddress() + "/tcp/" + p2p.listenPort()),
        p2p.staticPeers().stream().map(Multiaddr::fromString).toList(),
        digest);
  }

  /** Builds the input once the node can be handed to it as its way to disconnect peers. */
  @FunctionalInterface
  interface GossipInputFactory {
    GossipProofInput create(java.util.function.Consumer<PeerId> disconnect);
  }
}
