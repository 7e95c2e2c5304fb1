package io.zkstateless.validator.follow;

/** The beacon node was unreachable, answered an error, or answered something malformed. */
public final class BeaconApiException extends RuntimeException {

  public BeaconApiException(final String message) {
    super(message);
  }

  public BeaconApiException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
