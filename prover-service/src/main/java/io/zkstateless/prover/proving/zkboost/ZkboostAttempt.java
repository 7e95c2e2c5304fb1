package io.zkstateless.prover.proving.zkboost;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The state one proving attempt shares with its watchdog and with whoever cancels it: the open
 * event stream (closed to unblock a read), the time of the last byte received (a stream silent past
 * the stall timeout is half-open), the deadline, and whether the attempt was aborted from outside
 * (job timeout, shutdown).
 */
final class ZkboostAttempt {

  private final long deadlineNanos;
  private volatile InputStream stream;
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile boolean aborted;
  private volatile Thread thread;

  ZkboostAttempt(final long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  void bind(final Thread runner) {
    this.thread = runner;
  }

  /** Wraps {@code raw} so every byte read counts as activity, and makes it the current stream. */
  InputStream watch(final InputStream raw) {
    lastActivityNanos = System.nanoTime();
    final InputStream watched =
        new FilterInputStream(raw) {
          @Override
          public int read() throws IOException {
            final int b = super.read();
            lastActivityNanos = System.nanoTime();
            return b;
          }

          @Override
          public int read(final byte[] buffer, final int offset, final int length)
              throws IOException {
            final int n = super.read(buffer, offset, length);
            lastActivityNanos = System.nanoTime();
            return n;
          }
        };
    stream = watched;
    if (aborted) {
      closeStream();
    }
    return watched;
  }

  boolean pastDeadline() {
    return System.nanoTime() - deadlineNanos >= 0;
  }

  boolean aborted() {
    return aborted;
  }

  /** Run by the watchdog: ends a read that is past the deadline or stalled, so the loop decides. */
  void check(final long stallNanos) {
    final long now = System.nanoTime();
    if (now - deadlineNanos >= 0 || now - lastActivityNanos >= stallNanos) {
      closeStream();
    }
  }

  /** From outside (timeout, cancellation): stop reading and wake the attempt's thread. */
  void abort() {
    aborted = true;
    closeStream();
    final Thread runner = thread;
    if (runner != null && runner != Thread.currentThread()) {
      runner.interrupt();
    }
  }

  void closeStream() {
    final InputStream current = stream;
    if (current != null) {
      try {
        current.close();
      } catch (final IOException e) {
        // closing is all we want
      }
    }
  }
}
