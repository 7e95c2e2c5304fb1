package io.zkstateless.validator.verify;

/** The outcome of one verification. */
public sealed interface VerificationResult {

  VerificationResult VALID = new Valid();

  /** The proof holds for the block. */
  record Valid() implements VerificationResult {}

  /** The proof is wrong: its sender sent an invalid proof. */
  record Invalid(String reason) implements VerificationResult {}

  /** No answer (verifier down, timeout): says nothing about the proof, so it may be retried. */
  record Unavailable(String reason) implements VerificationResult {}
}
