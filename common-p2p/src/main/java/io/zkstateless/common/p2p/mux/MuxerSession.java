package io.zkstateless.common.p2p.mux;

import io.netty.channel.ChannelPipeline;
import io.zkstateless.common.p2p.crypto.PeerId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A stream multiplexer running on one secured connection (yamux or mplex). */
public interface MuxerSession {

  /** Adds the muxer's handlers to {@code pipeline} right after the handler named {@code after}. */
  void install(ChannelPipeline pipeline, String after);

  PeerId remotePeer();

  /**
   * Opens an outbound stream. {@code init} runs on the event loop before any frame of the peer for
   * that stream can be processed, so the handler it sets sees every byte.
   */
  CompletableFuture<MuxedStream> openStream(Consumer<MuxedStream> init);

  /** Closes the connection (politely, where the muxer has a way to say so). */
  void close();
}
