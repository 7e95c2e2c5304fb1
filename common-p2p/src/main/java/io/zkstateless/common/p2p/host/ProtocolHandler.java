package io.zkstateless.common.p2p.host;

import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;

/** An application protocol the host answers on inbound streams (identify, ping, gossipsub...). */
public interface ProtocolHandler {

  /** The exact multistream protocol id, for example {@code /ipfs/ping/1.0.0}. */
  String protocolId();

  /** The handler for an inbound stream on which the peer selected this protocol. */
  StreamHandler accept(MuxedStream stream);
}
