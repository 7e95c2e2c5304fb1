package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The application's verdict on a message before it is delivered and forwarded. Validation may be
 * asynchronous (a proof check can take milliseconds): the router holds the message, without
 * delivering or forwarding it, until the stage completes.
 *
 * <p>A verdict and "could not validate" are different things. IGNORE is a verdict: the message
 * stays in the seen cache and later copies are dropped as duplicates. When the application cannot
 * judge the message now (its queue is full, it is shutting down), it must <em>fail the stage</em>
 * (or throw) instead; the router treats a failed stage, a thrown exception, a {@code null} result
 * and a verdict later than {@link GossipParams#validationTimeout()} alike: the sender is neither
 * credited nor penalised, the message is not forwarded, and its id is forgotten by the seen cache
 * and by peer scoring, so the next copy (a retransmission, an IWANT answer, another peer's forward)
 * is validated afresh. Answering IGNORE for overload would lose the message for good.
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
