package io.zkstateless.broadcaster.gossip;

/**
 * What a gossip publish achieved. {@link AlreadySeen} counts as success: the network already
 * carries the message (gossipsub's seen cache rejected our copy as a duplicate).
 */
public sealed interface PublishOutcome {

  /** Sent to {@code peers} peers; zero means nobody received it and the publish must be retried. */
  record Sent(int peers) implements PublishOutcome {
    public Sent {
      if (peers < 0) {
        throw new IllegalArgumentException("negative peer count " + peers);
      }
    }
  }

  /** The message id was already in the seen cache. */
  record AlreadySeen() implements PublishOutcome {}

  /** Larger than a gossip message may be; publishing it again cannot help. */
  record TooLarge(int size, int max) implements PublishOutcome {}

  static PublishOutcome sent(final int peers) {
    return new Sent(peers);
  }

  static PublishOutcome alreadySeen() {
    return new AlreadySeen();
  }

  static PublishOutcome tooLarge(final int size, final int max) {
    return new TooLarge(size, max);
  }
}
