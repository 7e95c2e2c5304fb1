package io.zkstateless.validator.verify.witness;

/**
 * Why a witness failed its integrity check. Thrown inside the checker and turned into a {@link
 * WitnessCheckResult.Failed} at its boundary, so every step can stop at the first problem without
 * threading results through. No stack trace: it is an expected outcome, not a bug.
 */
final class WitnessCheckFailure extends RuntimeException {

  WitnessCheckFailure(final String reason) {
    super(reason, null, false, false);
  }
}
