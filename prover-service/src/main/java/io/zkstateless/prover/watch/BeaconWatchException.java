package io.zkstateless.prover.watch;

/**
 * The beacon node answered badly or not at all: HTTP error, oversize or malformed JSON, a missing
 * field. The watcher reconnects; nothing else is thrown for untrusted input.
 */
public class BeaconWatchException extends RuntimeException {

  public BeaconWatchException(final String message) {
    super(message);
  }

  public BeaconWatchException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
