package io.zkstateless.common.p2p.host;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.ScheduledFuture;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.multistream.MultistreamHandler;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.MuxerSession;
import io.zkstateless.common.p2p.noise.NoiseFrames;
import io.zkstateless.common.p2p.noise.NoiseHandshakeHandler;
import io.zkstateless.common.p2p.noise.NoiseSession;
import io.zkstateless.common.p2p.noise.NoiseXxHandshake;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import io.zkstateless.common.p2p.yamux.YamuxSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Turns a raw TCP channel into a {@link Connection}: multistream-select picks {@code /noise}, the
 * Noise XX handshake authenticates the peer, a second multistream-select inside the encrypted
 * channel picks the muxer ({@code /yamux/1.0.0} preferred, or {@code /mplex/6.7.0}). Each stage
 * installs the next one behind itself, so bytes a fast peer pipelines are never lost. The whole
 * upgrade must finish within the timeout.
 */
final class ConnectionUpgrader {

  private final Secp256k1PrivateKey identity;
  private final Duration timeout;
  private final List<String> muxers;
  private final Consumer<MuxedStream> inboundStreams;
  private final CloseOnErrorHandler closeOnError;

  ConnectionUpgrader(
      final Secp256k1PrivateKey identity,
      final Duration timeout,
      final List<String> muxers,
      final Consumer<MuxedStream> inboundStreams,
      final ConnectionRejections rejections) {
    this.closeOnError = new CloseOnErrorHandler(rejections);
    this.identity = identity;
    this.timeout = timeout;
    this.muxers = List.copyOf(muxers);
    this.inboundStreams = inboundStreams;
  }

  /**
   * Installs the upgrade on a channel that is not yet active.
   *
   * @param expectedPeer for a dialer: the peer id from the {@code /p2p/} address, checked in Noise
   */
  CompletableFuture<Connection> upgrade(
      final Channel channel, final boolean dialer, final Optional<PeerId> expectedPeer) {
    final CompletableFuture<Connection> result = new CompletableFuture<>();
    final ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(
        "security-select",
        new MultistreamHandler(
            negotiator(dialer, List.of(NoiseXxHandshake.PROTOCOL_ID)),
            (ctx, protocol) -> secure(ctx, dialer, expectedPeer, result)));
    pipeline.addLast(
        "upgrade-failure",
        new ChannelInboundHandlerAdapter() {
          @Override
          public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            // Fail the upgrade with the real reason before the connection closes.
            result.completeExceptionally(CloseOnErrorHandler.unwrap(cause));
            ctx.fireExceptionCaught(cause);
          }
        });
    pipeline.addLast("close-on-error", closeOnError);
    channel
        .closeFuture()
        .addListener(
            f ->
                result.completeExceptionally(
                    new IllegalStateException("connection closed during upgrade")));
    final ScheduledFuture<?> deadline =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  if (result.completeExceptionally(
                      new TimeoutException("upgrade not done within " + timeout))) {
                    channel.close();
                  }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    // Cancelled once the upgrade ends either way: the pending task holds the channel, so a flood of
    // connections that fail at once would otherwise keep each one's pipeline for the whole timeout.
    result.whenComplete((connection, error) -> deadline.cancel(false));
    return result;
  }

  private void secure(
      final ChannelHandlerContext ctx,
      final boolean dialer,
      final Optional<PeerId> expectedPeer,
      final CompletableFuture<Connection> result) {
    ctx.pipeline()
        .addAfter(
            ctx.name(),
            "noise-handshake",
            new NoiseHandshakeHandler(
                new NoiseXxHandshake(dialer, identity, expectedPeer),
                (codecCtx, session) -> selectMuxer(codecCtx, dialer, session, result)));
    ctx.pipeline().addAfter(ctx.name(), "noise-frames", NoiseFrames.decoder());
  }

  private void selectMuxer(
      final ChannelHandlerContext codecCtx,
      final boolean dialer,
      final NoiseSession session,
      final CompletableFuture<Connection> result) {
    codecCtx
        .pipeline()
        .addAfter(
            codecCtx.name(),
            "muxer-select",
            new MultistreamHandler(
                negotiator(dialer, muxers),
                (ctx, protocol) -> {
                  final MuxerSession muxer =
                      protocol.equals(MplexSession.PROTOCOL_ID)
                          ? new MplexSession(session.remotePeerId(), inboundStreams)
                          : new YamuxSession(dialer, session.remotePeerId(), inboundStreams);
                  muxer.install(ctx.pipeline(), ctx.name());
                  result.complete(new Connection(ctx.channel(), muxer, protocol, dialer));
                }));
  }

  private static MultistreamNegotiator negotiator(
      final boolean dialer, final List<String> protocols) {
    return dialer
        ? MultistreamNegotiator.dialer(protocols)
        : MultistreamNegotiator.listener(protocols);
  }
}
