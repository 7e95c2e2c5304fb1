package io.zkstateless.common.p2p.eth2;

/**
 * What {@link Eth2GossipNode#tryPublish} did with a message: sent it to some peers, or why it did
 * not.
 */
public sealed interface PublishResult {

  /** Sent to {@code peers} (at least one) peers subscribed to the topic. */
  record Published(int peers) implements PublishResult {
    public Published {
      if (peers < 1) {
        throw new IllegalArgumentException("published to " + peers + " peers");
      }
    }
  }

  /** No connected peer is subscribed to the topic (or all score below the publish threshold). */
  record NoPeers() implements PublishResult {}

  /** The message id is in the seen cache: we published or received these bytes already. */
  record Duplicate() implements PublishResult {}

  /** Larger than any peer takes in one gossip message ({@code RpcLimits.ETH2.maxDataBytes()}). */
  record TooLarge(int size, int max) implements PublishResult {}

  /** {@link Published} for one or more peers, else {@link NoPeers}. */
  static PublishResult ofPeers(final int peers) {
    return peers == 0 ? new NoPeers() : new Published(peers);
  }
}
