package io.zkstateless.broadcaster.gossip;

import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.fork.ForkDigestSource;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.eth2.PublishResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production {@link GossipPublisher}: an {@link Eth2GossipNode} subscribed to every served
 * subnet's topic, so it sits in those meshes and its seen cache learns what the network already
 * carries. A topic under a new fork digest is joined on its first publish.
 *
 * <p>A publish completes once the message was handed to at least one peer's connection (past the
 * muxer's flow control), not when it was queued: a peer that stopped reading (its validation is
 * behind) holds the publish back, and a publish whose writes all failed reports 0 peers and is
 * retried, instead of being reported published and lost.
 */
public final class P2pGossipPublisher implements GossipPublisher, AutoCloseable {

  private final Eth2GossipNode node;
  private final ServedSubnets subnets;
  private final ForkDigestSource forkDigest;
  private final Set<GossipTopic> joined = ConcurrentHashMap.newKeySet();

  public P2pGossipPublisher(
      final Eth2GossipNode node, final ServedSubnets subnets, final ForkDigestSource forkDigest) {
    this.node = node;
    this.subnets = subnets;
    this.forkDigest = forkDigest;
  }

  /** Starts the node and joins the served subnets under the current fork digest. */
  public void start() throws Exception {
    node.start();
    for (final int subnet : subnets.sorted()) {
      join(topic(subnet));
    }
  }

  @Override
  public CompletableFuture<PublishOutcome> publish(
      final GossipTopic topic, final byte[] sszSnappyData) {
    if (!node.isRunning()) {
      return CompletableFuture.failedFuture(new IllegalStateException("p2p node is not running"));
    }
    topic.executionProofSubnet().filter(subnets::serves).ifPresent(s -> join(topic));
    return node.tryPublish(topic, sszSnappyData)
        .thenApply(
            result ->
                switch (result) {
                  case PublishResult.Published published -> PublishOutcome.sent(published.peers());
                  case PublishResult.NoPeers none -> PublishOutcome.sent(0);
                  case PublishResult.Duplicate duplicate -> PublishOutcome.alreadySeen();
                  case PublishResult.TooLarge tooLarge ->
                      PublishOutcome.tooLarge(tooLarge.size(), tooLarge.max());
                });
  }

  @Override
  public Map<Integer, Integer> peersPerSubnet() {
    final Map<Integer, Integer> peers = new LinkedHashMap<>();
    for (final int subnet : subnets.sorted()) {
      peers.put(subnet, node.topicPeerCount(topic(subnet)));
    }
    return peers;
  }

  @Override
  public boolean isRunning() {
    return node.isRunning();
  }

  public Eth2GossipNode node() {
    return node;
  }

  @Override
  public void close() {
    node.close();
  }

  private GossipTopic topic(final int subnet) {
    return GossipTopic.executionProof(forkDigest.current().toBytes(), subnet);
  }

  private void join(final GossipTopic topic) {
    if (joined.add(topic)) {
      node.subscribe(topic);
    }
  }
}
