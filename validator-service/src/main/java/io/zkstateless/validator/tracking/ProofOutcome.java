package io.zkstateless.validator.tracking;

/** What storing a verified proof did. */
public enum ProofOutcome {
  /** First proof of its type for the block: stored and counted. */
  STORED,
  /** A proof of this type was already stored for the block: nothing changed. */
  DUPLICATE
}
