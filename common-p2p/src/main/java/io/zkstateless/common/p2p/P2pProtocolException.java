package io.zkstateless.common.p2p;

import io.zkstateless.common.model.codec.DecodeException;

/**
 * The only exception the p2p stack raises for bytes a remote peer sent: a framing, negotiation,
 * handshake or protocol violation. The connection (or stream) it came from is closed; the node
 * keeps running. {@code format} names the protocol layer (multistream, noise, yamux, ...).
 */
public class P2pProtocolException extends DecodeException {

  public P2pProtocolException(final String format, final long offset, final String problem) {
    super(format, offset, problem);
  }

  public P2pProtocolException(
      final String format, final long offset, final String problem, final Throwable cause) {
    super(format, offset, problem, cause);
  }
}
