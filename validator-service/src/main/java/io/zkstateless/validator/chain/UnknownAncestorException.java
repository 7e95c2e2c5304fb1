package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * A head or checkpoint does not link to the known chain: a block between it and the finalized
 * checkpoint is missing. The follower reacts by backfilling, then retries.
 */
public final class UnknownAncestorException extends Exception {

  private final Bytes32 missingRoot;

  public UnknownAncestorException(final Bytes32 missingRoot, final String context) {
    this(missingRoot, context, context + ": block " + missingRoot + " is not known");
  }

  private UnknownAncestorException(final Bytes32 missingRoot, final String context, final String message) {
    super(message);
    this.missingRoot = missingRoot;
  }

  /** The walk down from a head reached its bound at {@code lastRoot} before the known chain. */
  public static UnknownAncestorException walkTooLong(final Bytes32 headRoot, final Bytes32 lastRoot, final int bound) {
    return new UnknownAncestorException(lastRoot, "",
        "head " + headRoot + " is more than " + bound + " blocks from the canonical chain (walk stopped at " + lastRoot + ")");
  }

  public Bytes32 missingRoot() {
    return missingRoot;
  }
}
