package io.zkstateless.e2e.support;

import java.io.IOException;
import java.net.ServerSocket;

/** Small shared helpers of the end-to-end runs: elapsed time and ports for child services. */
public final class RunClock {

  private RunClock() {}

  /** Milliseconds since {@code startNanos} ({@link System#nanoTime()}). */
  public static long elapsed(final long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A port free right now, for a service started later (a small race the tests accept). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
