package io.zkstateless.broadcaster.gossip;

import io.zkstateless.common.p2p.eth2.GossipTopic;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What the broadcaster needs from the p2p node ({@link P2pGossipPublisher} in production). */
public interface GossipPublisher {

  /**
   * Publishes SSZ-snappy data on the topic; completes with how many peers it was sent to, or
   * "already seen".
   */
  CompletableFuture<PublishOutcome> publish(GossipTopic topic, byte[] sszSnappyData);

  /** Connected peers subscribed to each execution-proof subnet (subnet id to peer count). */
  Map<Integer, Integer> peersPerSubnet();

  /** Whether the node is up (listening, heartbeat running). */
  default boolean isRunning() {
    return true;
  }
}
