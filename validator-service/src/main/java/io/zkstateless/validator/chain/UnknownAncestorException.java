package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;

/**
 * A head or checkpoint does not link to the known chain: a block between it and the finalized
 * checkpoint is missing. The follower reacts by backfilling, then retries.
 */
public final class UnknownAncestorException extends Exception {

  private final Bytes32 missingRoot;

  public UnknownAncestorException(final Bytes32 missingRoot, final String context) {
    super(context + ": block " + missingRoot + " is not known");
    this.missingRoot = missingRoot;
  }

  public Bytes32 missingRoot() {
    return missingRoot;
  }
}
