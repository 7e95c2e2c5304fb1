package io.zkstateless.common.p2p.gossip;

/**
 * Stops and restarts reading from every peer, so that the transport's flow control (a full TCP
 * receive window, then the sender's unwritable connection) holds senders back while the router's
 * validations catch up. Called under the router's lock: it must only flip a flag, never block.
 */
public interface InboundReadGate {

  /** Stop reading from peers (bytes already read are still processed). */
  void pauseReading();

  /** Read from peers again. */
  void resumeReading();

  /** For a router without a transport (tests): pausing does nothing. */
  InboundReadGate NONE =
      new InboundReadGate() {
        @Override
        public void pauseReading() {}

        @Override
        public void resumeReading() {}
      };
}
