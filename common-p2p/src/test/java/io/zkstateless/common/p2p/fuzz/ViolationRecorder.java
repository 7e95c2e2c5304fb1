package io.zkstateless.common.p2p.fuzz;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import java.util.ArrayList;
import java.util.List;

/** Stands in for {@link CloseOnErrorHandler} in fuzz tests: records what reached the pipeline end. */
final class ViolationRecorder extends ChannelInboundHandlerAdapter {

  final List<Throwable> errors = new ArrayList<>();

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    errors.add(CloseOnErrorHandler.unwrap(cause));
    ctx.close();
  }

  @Override
  public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
    ReferenceCountUtil.release(msg);
  }
}
