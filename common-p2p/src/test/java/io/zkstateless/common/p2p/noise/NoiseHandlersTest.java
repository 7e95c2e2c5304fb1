package io.zkstateless.common.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NoiseHandlersTest {

  private final Secp256k1PrivateKey alice = Secp256k1PrivateKey.generate();
  private final Secp256k1PrivateKey bob = Secp256k1PrivateKey.generate();
  private final List<NoiseSession> sessions = new ArrayList<>();
  private final ByteBuf received = Unpooled.buffer();
  private EmbeddedChannel dialer;
  private EmbeddedChannel listener;

  @AfterEach
  void close() {
    dialer.finishAndReleaseAll();
    listener.finishAndReleaseAll();
    received.release();
  }

  @Test
  void securesAChannelAndCarriesLargeWritesInBoundedFrames() {
    connect(Optional.of(PeerId.fromPublicKey(bob.publicKey())));
    assertThat(sessions).hasSize(2);
    final byte[] data = new byte[200_000];
    new Random(1).nextBytes(data);
    dialer.writeAndFlush(Unpooled.wrappedBuffer(data));
    final List<Integer> frameSizes = new ArrayList<>();
    for (ByteBuf out = dialer.readOutbound(); out != null; out = dialer.readOutbound()) {
      frameSizes.add(out.getUnsignedShort(0));
      assertThat(out.readableBytes()).isEqualTo(out.getUnsignedShort(0) + 2);
      listener.writeInbound(out);
    }
    assertThat(frameSizes).hasSize(4).allMatch(size -> size <= 65535);
    assertThat(frameSizes.get(0)).isEqualTo(65535);
    assertThat(ByteBufUtil.getBytes(received)).isEqualTo(data);
  }

  @Test
  void aMuxerFrameOfHeaderAndDataPartsIsSealedAsOneMessage() {
    connect(Optional.empty());
    final byte[] header = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, (byte) 0xff, (byte) 0xdc};
    final byte[] data = new byte[65_500];
    new Random(2).nextBytes(data);
    dialer.writeAndFlush(Unpooled.wrappedBuffer(header, data));
    final ByteBuf frame = dialer.readOutbound();
    assertThat(frame.getUnsignedShort(0)).isEqualTo(header.length + data.length + 16);
    assertThat((Object) dialer.readOutbound()).isNull();
    listener.writeInbound(frame);
    final byte[] expected = new byte[header.length + data.length];
    System.arraycopy(header, 0, expected, 0, header.length);
    System.arraycopy(data, 0, expected, header.length, data.length);
    assertThat(ByteBufUtil.getBytes(received)).isEqualTo(expected);
  }

  @Test
  void aCorruptedTransportFrameClosesTheConnection() {
    connect(Optional.empty());
    dialer.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    final ByteBuf frame = dialer.readOutbound();
    frame.setByte(5, frame.getByte(5) ^ 0xFF);
    listener.writeInbound(frame);
    assertThat(listener.isOpen()).isFalse();
    assertThat(received.isReadable()).isFalse();
  }

  @Test
  void aWrongPeerIdClosesTheDialerDuringTheHandshake() {
    connect(Optional.of(PeerId.fromPublicKey(alice.publicKey())));
    assertThat(dialer.isOpen()).isFalse();
    // The dialer rejects message 2 and never sends message 3, so neither side is secured.
    assertThat(sessions).isEmpty();
  }

  private void connect(final Optional<PeerId> expected) {
    dialer = channel(new NoiseXxHandshake(true, alice, expected));
    listener = channel(new NoiseXxHandshake(false, bob, Optional.empty()));
    for (int i = 0; i < 10; i++) {
      pump(dialer, listener);
      pump(listener, dialer);
    }
  }

  private EmbeddedChannel channel(final NoiseXxHandshake handshake) {
    final EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(NoiseFrames.decoder());
    channel
        .pipeline()
        .addLast(
            new NoiseHandshakeHandler(
                handshake,
                (ctx, session) -> {
                  sessions.add(session);
                  ctx.pipeline()
                      .addAfter(
                          ctx.name(),
                          "sink",
                          new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(final ChannelHandlerContext c, final Object m) {
                              final ByteBuf buf = (ByteBuf) m;
                              received.writeBytes(buf);
                              buf.release();
                            }
                          });
                }));
    channel.pipeline().addLast(new CloseOnErrorHandler(new ConnectionRejections()));
    return channel;
  }

  private static void pump(final EmbeddedChannel from, final EmbeddedChannel to) {
    for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
      if (to.isOpen()) {
        to.writeInbound(out);
      } else {
        ((ByteBuf) out).release();
      }
    }
  }
}
