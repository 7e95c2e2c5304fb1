package io.zkstateless.common.p2p.gossip;

/**
 * What the gossip layer tells its observer (the node's metrics) as it happens: received messages
 * and what became of each, our publishes and forwards, RPC bytes on the wire, and messages dropped
 * by the per-peer rate limit. Topics are full topic strings; turning them into bounded labels is
 * the observer's business. Called on connection threads, some under the router's lock: an
 * implementation must be quick, thread-safe, and must not call back into the router.
 */
public interface GossipEvents {

  /** Observes nothing. */
  GossipEvents NONE = new GossipEvents() {};

  /** What became of a received message. */
  enum Outcome {
    /** Validated and accepted: delivered and forwarded. */
    ACCEPT,
    /** Validated and ignored: neither delivered nor forwarded, the sender not penalised. */
    IGNORE,
    /** Validated and rejected, or broke StrictNoSign: the sender is penalised. */
    REJECT,
    /** Already seen. */
    DUPLICATE,
    /** Left unvalidated: too many validations pending, or no verdict in time (forgotten). */
    DROPPED;

    /** The outcome of a validator's verdict. */
    public static Outcome of(final GossipValidator.Result verdict) {
      return switch (verdict) {
        case ACCEPT -> ACCEPT;
        case IGNORE -> IGNORE;
        case REJECT -> REJECT;
      };
    }
  }

  default void received(final String topic, final Outcome outcome) {}

  /** Our own message went out to at least one peer. */
  default void published(final String topic) {}

  /** A received message was forwarded to at least one mesh peer. */
  default void forwarded(final String topic) {}

  /** A received message was dropped by the sender's rate limit, before validation. */
  default void rateLimited(final String topic) {}

  /** One RPC of {@code bytes} (its encoding, without the length prefix) was read from a peer. */
  default void rpcReceived(final int bytes) {}

  /** One RPC of {@code bytes} (its encoding, without the length prefix) went to a peer's stream. */
  default void rpcSent(final int bytes) {}
}
