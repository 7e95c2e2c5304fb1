package io.zkstateless.common.p2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test protocol {@code /test/echo/1.0.0}: the responder echoes every byte and half-closes when the
 * peer does. The js interop peer speaks it too.
 */
public final class EchoProtocol implements ProtocolHandler {

  public static final String PROTOCOL_ID = "/test/echo/1.0.0";

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  public StreamHandler accept(final MuxedStream stream) {
    return new StreamHandler() {
      @Override
      public void onData(final MuxedStream s, final ByteBuf data) {
        s.write(data.retain());
      }

      @Override
      public void onRemoteClose(final MuxedStream s) {
        s.closeWrite();
      }
    };
  }

  /**
   * Sends {@code data} through an echo stream in pieces that respect the send-buffer bound,
   * half-closes, and completes with everything that came back before the peer half-closed.
   */
  public static byte[] roundTrip(final Connection connection, final byte[] data, final int seconds)
      throws Exception {
    final ByteBuf received = Unpooled.buffer();
    final CompletableFuture<byte[]> done = new CompletableFuture<>();
    final MuxedStream stream =
        connection
            .openStream(
                PROTOCOL_ID,
                new StreamHandler() {
                  @Override
                  public void onData(final MuxedStream s, final ByteBuf buf) {
                    received.writeBytes(buf);
                  }

                  @Override
                  public void onRemoteClose(final MuxedStream s) {
                    done.complete(ByteBufUtil.getBytes(received));
                  }

                  @Override
                  public void onReset(final MuxedStream s) {
                    done.completeExceptionally(new IllegalStateException("echo stream reset"));
                  }
                })
            .get(seconds, TimeUnit.SECONDS);
    try {
      for (int offset = 0; offset < data.length; offset += 250_000) {
        final int length = Math.min(250_000, data.length - offset);
        stream.write(Unpooled.wrappedBuffer(data, offset, length)).get(seconds, TimeUnit.SECONDS);
      }
      stream.closeWrite();
      return done.get(seconds, TimeUnit.SECONDS);
    } finally {
      received.release();
    }
  }
}
