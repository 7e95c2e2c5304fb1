package io.zkstateless.broadcaster.publish;

import io.zkstateless.broadcaster.gossip.GossipPublisher;
import io.zkstateless.broadcaster.gossip.PublishOutcome;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in when no p2p node is configured; every publish fails loudly. Never reached in practice,
 * because the listeners are not started without a real publisher; it exists so that a wiring
 * mistake shows up as a failure, never as a fake success.
 */
enum NoP2pNode implements GossipPublisher {
  INSTANCE;

  @Override
  public CompletableFuture<PublishOutcome> publish(
      final GossipTopic topic, final byte[] sszSnappyData) {
    return CompletableFuture.failedFuture(
        new IllegalStateException("no p2p node: no GossipPublisher is configured"));
  }

  @Override
  public Map<Integer, Integer> peersPerSubnet() {
    return Map.of();
  }
}
