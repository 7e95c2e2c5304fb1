package io.zkstateless.common.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.multistream.MultistreamHandler;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import io.zkstateless.common.p2p.noise.NoiseFrames;
import io.zkstateless.common.p2p.noise.NoiseHandshakeHandler;
import io.zkstateless.common.p2p.noise.NoiseXxHandshake;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import io.zkstateless.common.p2p.yamux.YamuxSession;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Junk into each pipeline decoder: the offending connection is closed and counted once. */
class JunkClosesConnectionTest {

  private static final Secp256k1PrivateKey KEY = Secp256k1PrivateKey.generate();
  private static final PeerId PEER = PeerId.fromPublicKey(KEY.publicKey());

  static Stream<Arguments> decoders() {
    final Consumer<EmbeddedChannel> multistream =
        c ->
            add(
                c,
                new MultistreamHandler(
                    MultistreamNegotiator.listener(List.of("/noise")), (x, p) -> {}));
    final Consumer<EmbeddedChannel> noise =
        c -> {
          add(c, NoiseFrames.decoder());
          add(
              c,
              new NoiseHandshakeHandler(
                  new NoiseXxHandshake(false, KEY, Optional.empty()), (x, s) -> {}));
        };
    final Consumer<EmbeddedChannel> yamux =
        c -> new YamuxSession(false, PEER, s -> s.reset()).install(c.pipeline(), "head");
    final Consumer<EmbeddedChannel> mplex =
        c -> new MplexSession(PEER, s -> s.reset()).install(c.pipeline(), "head");
    return Stream.of(
        // a line declaring 4 GiB
        Arguments.of("multistream", multistream, "ffffffff0f"),
        // a 5-byte handshake message instead of a 32-byte ephemeral key
        Arguments.of("noise", noise, "00050102030405"),
        // version 1
        Arguments.of("yamux", yamux, "010000000000000100000000"),
        // a message of 4 GiB on stream 1
        Arguments.of("mplex", mplex, "0aff ffff ff0f 00".replace(" ", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decoders")
  void junkClosesTheConnectionAndCountsIt(
      final String name, final Consumer<EmbeddedChannel> install, final String junkHex) {
    final WireFuzzing.Pipeline pipeline = WireFuzzing.Pipeline.empty();
    install.accept(pipeline.channel());
    pipeline.closeOnError();
    assertThat(pipeline.channel().isOpen()).isTrue();

    pipeline.channel().writeInbound(Unpooled.wrappedBuffer(Hex.decode(junkHex)));

    assertThat(pipeline.channel().isOpen()).isFalse();
    final ConnectionRejections rejections = pipeline.rejections();
    assertThat(rejections.protocolViolations()).isEqualTo(1);
    assertThat(rejections.unexpectedErrors()).isZero();
    pipeline.channel().finishAndReleaseAll();
  }

  private static void add(final EmbeddedChannel channel, final ChannelHandler handler) {
    channel.pipeline().addLast(handler);
  }
}
