package io.zkstateless.common.p2p.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.zkstateless.common.p2p.P2pProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every connection pipeline: whatever went wrong (a peer's protocol violation
 * or our own bug), the connection is closed and the node carries on. Violations are routine on a
 * public network, so they are logged at debug; anything else is a warning.
 */
@ChannelHandler.Sharable
public final class CloseOnErrorHandler extends ChannelInboundHandlerAdapter {

  public static final CloseOnErrorHandler INSTANCE = new CloseOnErrorHandler();
  private static final Logger LOG = LoggerFactory.getLogger(CloseOnErrorHandler.class);

  private CloseOnErrorHandler() {}

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    final Throwable root = unwrap(cause);
    if (root instanceof P2pProtocolException) {
      LOG.debug("Closing {}: {}", ctx.channel(), root.getMessage());
    } else {
      LOG.warn("Closing {} after an unexpected error", ctx.channel(), root);
    }
    ctx.close();
  }

  /** Netty wraps decoder failures; the cause is what tells a violation from a bug. */
  public static Throwable unwrap(final Throwable cause) {
    return cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
  }
}
