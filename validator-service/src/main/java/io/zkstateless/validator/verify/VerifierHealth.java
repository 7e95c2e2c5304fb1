package io.zkstateless.validator.verify;

import java.util.Objects;

/**
 * Whether a verifier can verify right now. Local verifiers always can; a remote one (the http
 * verifier) reports its circuit breaker here, so readiness drops while it cannot verify.
 *
 * @param available false while proofs of this type would only be answered "verifier_unavailable"
 * @param detail why not, or a short state such as "breaker closed"
 */
public record VerifierHealth(boolean available, String detail) {

  public static final VerifierHealth LOCAL = new VerifierHealth(true, "local");

  public VerifierHealth {
    Objects.requireNonNull(detail, "detail");
  }

  public static VerifierHealth unavailable(final String detail) {
    return new VerifierHealth(false, detail);
  }
}
