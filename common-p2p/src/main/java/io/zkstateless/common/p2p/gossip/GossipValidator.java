package io.zkstateless.common.p2p.gossip;

/** The application's verdict on a message before it is delivered and forwarded. */
@FunctionalInterface
public interface GossipValidator {

  /**
   * ACCEPT delivers and forwards; IGNORE and REJECT drop (REJECT will also penalise the sender).
   */
  enum Result {
    ACCEPT,
    IGNORE,
    REJECT
  }

  Result validate(GossipMessage message);

  GossipValidator ACCEPT_ALL = message -> Result.ACCEPT;
}
