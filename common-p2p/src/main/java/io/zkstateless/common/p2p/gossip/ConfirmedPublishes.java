package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Our own publishes whose writes have not yet reached any peer's connection (see {@link
 * GossipRouter#publishConfirmed}), so that publishing the same bytes meanwhile joins the first
 * publish rather than sending it twice. Guarded by the router's lock.
 */
final class ConfirmedPublishes {

  private final Map<MessageId, CompletableFuture<Integer>> inFlight = new HashMap<>();

  /** The publish of {@code id} still waiting for its first successful write, if any. */
  Optional<CompletableFuture<Integer>> inFlight(final MessageId id) {
    return Optional.ofNullable(inFlight.get(id)).map(CompletableFuture::copy);
  }

  /** A publish of {@code id} written to {@code recipients} peers, in flight until one write ends. */
  Publish start(final MessageId id, final int recipients) {
    final Publish publish = new Publish(id, recipients);
    inFlight.put(id, publish.confirmed);
    return publish;
  }

  /** One publish awaiting the outcome of its writes. */
  final class Publish {
    private final MessageId id;
    private final int recipients;
    private final CompletableFuture<Integer> confirmed = new CompletableFuture<>();
    private int failures;

    private Publish(final MessageId id, final int recipients) {
      this.id = id;
      this.recipients = recipients;
    }

    MessageId id() {
      return id;
    }

    /** Completes with the number of recipients once one write succeeded, 0 if all failed. */
    CompletableFuture<Integer> result() {
      return confirmed.copy();
    }

    /**
     * One write ended; returns true when it was the last and every write failed: the message
     * reached nobody after all, so a retry must go out, not be taken for a duplicate.
     */
    boolean writeEnded(final boolean written) {
      if (confirmed.isDone()) {
        return false;
      }
      if (written) {
        inFlight.remove(id, confirmed);
        confirmed.complete(recipients);
        return false;
      }
      if (++failures == recipients) {
        inFlight.remove(id, confirmed);
        confirmed.complete(0);
        return true;
      }
      return false;
    }
  }
}
