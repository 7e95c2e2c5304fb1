package io.zkstateless.common.p2p.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many connections a host closed because of what arrived on them ({@link CloseOnErrorHandler}
 * counts each connection once): protocol violations by the peer, and unexpected errors (our bugs).
 * A node exports these as metrics; a rising violation count is a misbehaving or hostile peer.
 */
public final class ConnectionRejections {

  private final LongAdder protocolViolations = new LongAdder();
  private final LongAdder unexpectedErrors = new LongAdder();

  /** Connections closed because the peer broke a protocol (a {@code P2pProtocolException}). */
  public long protocolViolations() {
    return protocolViolations.sum();
  }

  /** Connections closed after any other failure in their pipeline. */
  public long unexpectedErrors() {
    return unexpectedErrors.sum();
  }

  void countViolation() {
    protocolViolations.increment();
  }

  void countUnexpected() {
    unexpectedErrors.increment();
  }
}
