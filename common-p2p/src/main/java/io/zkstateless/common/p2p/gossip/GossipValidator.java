package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The application's verdict on a message before it is delivered and forwarded. Validation may be
 * asynchronous (a proof check can take milliseconds): the router holds the message, without
 * delivering or forwarding it, until the stage completes. A stage that fails counts as IGNORE.
 */
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

  /** Validates {@code message}, first received from {@code from}. */
  CompletionStage<Result> validate(PeerId from, GossipMessage message);

  GossipValidator ACCEPT_ALL = (from, message) -> CompletableFuture.completedFuture(Result.ACCEPT);
}
