package io.zkstateless.common.p2p.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.AttributeKey;
import io.zkstateless.common.p2p.P2pProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every connection pipeline: whatever went wrong (a peer's protocol violation
 * or our own bug), the connection is closed, counted once in the host's {@link
 * ConnectionRejections}, and the node carries on. Violations are routine on a public network, so
 * they are logged at debug; anything else is a warning.
 */
@ChannelHandler.Sharable
public final class CloseOnErrorHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(CloseOnErrorHandler.class);
  private static final AttributeKey<Boolean> COUNTED =
      AttributeKey.valueOf(CloseOnErrorHandler.class, "counted");

  private final ConnectionRejections rejections;

  /** One per host: every connection of the host counts into {@code rejections}. */
  public CloseOnErrorHandler(final ConnectionRejections rejections) {
    this.rejections = rejections;
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    final Throwable root = unwrap(cause);
    // Later failures of a connection that is already closing are echoes of the first.
    final boolean first = ctx.channel().attr(COUNTED).setIfAbsent(Boolean.TRUE) == null;
    if (root instanceof P2pProtocolException) {
      LOG.debug("Closing {}: {}", ctx.channel(), root.getMessage());
      if (first) {
        rejections.countViolation();
      }
    } else {
      LOG.warn("Closing {} after an unexpected error", ctx.channel(), root);
      if (first) {
        rejections.countUnexpected();
      }
    }
    ctx.close();
  }

  /** Netty wraps decoder failures; the cause is what tells a violation from a bug. */
  public static Throwable unwrap(final Throwable cause) {
    return cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
  }
}
