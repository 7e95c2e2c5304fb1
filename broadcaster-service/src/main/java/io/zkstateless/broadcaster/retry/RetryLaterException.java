package io.zkstateless.broadcaster.retry;

/**
 * Thrown by the listener when a publish reached no peer or failed: the only exception the retry
 * topics retry. Anything else (an undecodable record, a bug) goes straight to the dead-letter
 * topic.
 */
public final class RetryLaterException extends RuntimeException {

  public RetryLaterException(final String reason) {
    super(reason, null, false, false);
  }
}
