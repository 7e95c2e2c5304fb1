package io.zkstateless.common.p2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultistreamHandlerTest {

  @Test
  void listenerSelectsThenHandsPipelinedBytesToTheNextHandler() {
    final List<String> selected = new ArrayList<>();
    final List<ByteBuf> forwarded = new ArrayList<>();
    final EmbeddedChannel channel =
        new EmbeddedChannel(
            new MultistreamHandler(
                MultistreamNegotiator.listener(List.of("/noise")),
                (ctx, protocol) -> {
                  selected.add(protocol);
                  ctx.pipeline()
                      .addLast(
                          new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(
                                final ChannelHandlerContext c, final Object msg) {
                              forwarded.add((ByteBuf) msg);
                            }
                          });
                }));
    final ByteBuf header = channel.readOutbound();
    assertThat(ByteBufUtil.hexDump(header)).isEqualTo("132f6d756c746973747265616d2f312e302e300a");
    header.release();
    final ByteBuf in = Unpooled.buffer();
    MultistreamMessages.write(in, MultistreamNegotiator.PROTOCOL_ID);
    MultistreamMessages.write(in, "/noise");
    in.writeBytes(new byte[] {1, 2, 3});
    channel.writeInbound(in);
    assertThat(selected).containsExactly("/noise");
    final ByteBuf echo = channel.readOutbound();
    assertThat(ByteBufUtil.hexDump(echo)).isEqualTo("072f6e6f6973650a");
    echo.release();
    assertThat(channel.pipeline().get(MultistreamHandler.class)).isNull();
    assertThat(forwarded).hasSize(1);
    assertThat(ByteBufUtil.hexDump(forwarded.get(0))).isEqualTo("010203");
    forwarded.get(0).release();
    channel.finishAndReleaseAll();
  }

  @Test
  void violationsSurfaceAsProtocolExceptionsAndCloseTheChannel() {
    final EmbeddedChannel bare =
        new EmbeddedChannel(
            new MultistreamHandler(MultistreamNegotiator.listener(List.of("/x")), (ctx, p) -> {}));
    assertThatThrownBy(() -> bare.writeInbound(Unpooled.wrappedBuffer(new byte[] {0})))
        .isInstanceOf(DecoderException.class)
        .hasCauseInstanceOf(P2pProtocolException.class);
    // Once failed, the handler discards input instead of reporting the same violation again.
    bare.finishAndReleaseAll();

    final EmbeddedChannel guarded =
        new EmbeddedChannel(
            new MultistreamHandler(MultistreamNegotiator.listener(List.of("/x")), (ctx, p) -> {}),
            new CloseOnErrorHandler(new ConnectionRejections()));
    guarded.writeInbound(Unpooled.wrappedBuffer(new byte[] {0}));
    assertThat(guarded.isOpen()).isFalse();
    guarded.finishAndReleaseAll();
  }
}
