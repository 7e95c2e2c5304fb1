package io.zkstateless.common.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.multiformats.Uvarint;
import io.zkstateless.common.p2p.multistream.MultistreamHandler;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.mux.StreamNegotiation;
import io.zkstateless.common.p2p.noise.NoiseFrames;
import io.zkstateless.common.p2p.noise.NoiseHandshakeHandler;
import io.zkstateless.common.p2p.noise.NoiseXxHandshake;
import io.zkstateless.common.p2p.yamux.YamuxSession;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Feeds random and nearly-valid bytes into each layer that reads the network: whatever arrives, the
 * only failure that may reach the end of the pipeline is a {@link P2pProtocolException}, and after
 * one the channel is closed.
 */
class WireFuzzPropertyTest {

  private static final Secp256k1PrivateKey KEY = Secp256k1PrivateKey.generate();
  private static final PeerId PEER = PeerId.fromPublicKey(KEY.publicKey());

  @Property(tries = 300)
  void multistreamListener(@ForAll @Size(max = 3) final List<@Size(max = 60) byte[]> chunks) {
    feed(
        new MultistreamHandler(
            MultistreamNegotiator.listener(List.of("/noise")), (ctx, protocol) -> {}),
        chunks);
  }

  @Property(tries = 200)
  void noiseResponder(@ForAll @Size(max = 3) final List<@Size(max = 120) byte[]> chunks) {
    feed(
        List.of(
            NoiseFrames.decoder(),
            new NoiseHandshakeHandler(
                new NoiseXxHandshake(false, KEY, Optional.empty()), (ctx, session) -> {})),
        chunks);
  }

  @Property(tries = 500)
  void yamuxSession(@ForAll("yamuxFrames") final List<byte[]> frames) {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final ViolationRecorder recorder = new ViolationRecorder();
    channel.pipeline().addLast("head", new ChannelInboundHandlerAdapter());
    new YamuxSession(
            false,
            PEER,
            stream ->
                StreamNegotiation.start(
                    stream,
                    MultistreamNegotiator.listener(List.of("/x")),
                    (s, p) -> (st, d) -> {},
                    e -> {}))
        .install(channel.pipeline(), "head");
    channel.pipeline().addLast(recorder);
    run(channel, recorder, frames);
  }

  @Property(tries = 500)
  void mplexSession(@ForAll("mplexFrames") final List<byte[]> frames) {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final ViolationRecorder recorder = new ViolationRecorder();
    channel.pipeline().addLast("head", new ChannelInboundHandlerAdapter());
    new MplexSession(
            PEER,
            stream ->
                StreamNegotiation.start(
                    stream,
                    MultistreamNegotiator.listener(List.of("/x")),
                    (s, p) -> (st, d) -> {},
                    e -> {}))
        .install(channel.pipeline(), "head");
    channel.pipeline().addLast(recorder);
    run(channel, recorder, frames);
  }

  /** Frames with every flag, small stream ids and short bodies, mixed with random bytes. */
  @Provide
  Arbitrary<List<byte[]>> mplexFrames() {
    final Arbitrary<byte[]> frame =
        Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 3),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(25))
            .as(
                (flag, id, body) -> {
                  final ByteBuf out = Unpooled.buffer();
                  Uvarint.write((long) id << 3 | flag, out);
                  Uvarint.write(body.length, out);
                  out.writeBytes(body);
                  final byte[] bytes = new byte[out.readableBytes()];
                  out.readBytes(bytes);
                  return bytes;
                });
    return Arbitraries.oneOf(frame, Arbitraries.bytes().array(byte[].class).ofMaxSize(30))
        .list()
        .ofMaxSize(12);
  }

  /** Frames with version 0 and small ids and lengths, so that most get past the header checks. */
  @Provide
  Arbitrary<List<byte[]>> yamuxFrames() {
    final Arbitrary<byte[]> frame =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 15),
                Arbitraries.longs().between(0, 6),
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 40))
            .as(
                (type, flags, id, length, body) -> {
                  final ByteBuf out = Unpooled.buffer();
                  out.writeByte(0).writeByte(type).writeShort(flags);
                  out.writeInt((int) (long) id).writeInt(length);
                  out.writeBytes(new byte[type == 0 ? body : 0]);
                  final byte[] bytes = new byte[out.readableBytes()];
                  out.readBytes(bytes);
                  return bytes;
                });
    return Arbitraries.oneOf(frame, Arbitraries.bytes().array(byte[].class).ofMaxSize(30))
        .list()
        .ofMaxSize(12);
  }

  private static void feed(final ChannelHandler handler, final List<byte[]> chunks) {
    feed(List.of(handler), chunks);
  }

  private static void feed(final List<ChannelHandler> handlers, final List<byte[]> chunks) {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final ViolationRecorder recorder = new ViolationRecorder();
    handlers.forEach(h -> channel.pipeline().addLast(h));
    channel.pipeline().addLast(recorder);
    run(channel, recorder, chunks);
  }

  private static void run(
      final EmbeddedChannel channel, final ViolationRecorder recorder, final List<byte[]> chunks) {
    for (final byte[] chunk : chunks) {
      if (channel.isOpen()) {
        channel.writeInbound(Unpooled.wrappedBuffer(chunk));
      }
    }
    channel.checkException();
    assertThat(recorder.errors).allMatch(e -> e instanceof P2pProtocolException);
    if (!recorder.errors.isEmpty()) {
      assertThat(channel.isOpen()).isFalse();
    }
    channel.finishAndReleaseAll();
  }
}
