package io.zkstateless.prover.proving.ere;

import java.util.Optional;

/**
 * A call to an ere-server that did not produce an answer: the server sent a twirp error, the
 * transport failed, the call timed out, or the response could not be read. (A zkVM failure is an
 * answer: it arrives as the {@code err} branch of the response and is not this exception.)
 */
public final class EreCallException extends RuntimeException {

  /** What went wrong, coarse enough to label metrics. */
  public enum Kind {
    /** The server answered with a twirp error (see {@link #twirpError()}). */
    TWIRP,
    /** Connection refused or reset, or the body was cut short. */
    TRANSPORT,
    /** No complete answer within the call's timeout. */
    TIMEOUT,
    /** A 200 answer that is not the expected protobuf message, or too large to read. */
    MALFORMED
  }

  private final Kind kind;
  private final String method;
  private final TwirpError twirpError;

  EreCallException(
      final Kind kind, final String method, final String message, final TwirpError twirpError) {
    super(method + ": " + message);
    this.kind = kind;
    this.method = method;
    this.twirpError = twirpError;
  }

  /** The twirp method called: {@code Prove}, {@code Verify} or {@code ProgramVk}. */
  public String method() {
    return method;
  }

  public Kind kind() {
    return kind;
  }

  public Optional<TwirpError> twirpError() {
    return Optional.ofNullable(twirpError);
  }
}
