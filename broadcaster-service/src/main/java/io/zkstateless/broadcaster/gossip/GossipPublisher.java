package io.zkstateless.broadcaster.gossip;

import io.zkstateless.common.p2p.eth2.GossipTopic;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the broadcaster needs from the p2p node; the common-p2p gossipsub adapter implements it
 * later.
 */
public interface GossipPublisher {

  /**
   * Publishes SSZ-snappy data on the topic; completes with how many peers it was sent to, or
   * "already seen".
   */
  CompletableFuture<PublishOutcome> publish(GossipTopic topic, byte[] sszSnappyData);

  /** Connected peers subscribed to each execution-proof subnet (subnet id to peer count). */
  Map<Integer, Integer> peersPerSubnet();
}
