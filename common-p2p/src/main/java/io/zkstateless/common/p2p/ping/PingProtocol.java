package io.zkstateless.common.p2p.ping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * libp2p ping {@code /ipfs/ping/1.0.0}: the dialer sends 32 random bytes, the listener echoes every
 * 32 bytes it receives, the dialer checks the echo and measures the round trip.
 */
public final class PingProtocol implements ProtocolHandler {

  public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";
  static final int PING_SIZE = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  public StreamHandler accept(final MuxedStream stream) {
    return new Echo();
  }

  /** Sends one ping on a new stream; completes with the round-trip time. */
  public static CompletableFuture<Duration> ping(final Connection connection) {
    final byte[] payload = new byte[PING_SIZE];
    RANDOM.nextBytes(payload);
    final Reply reply = new Reply(payload);
    return connection
        .openStream(PROTOCOL_ID, reply)
        .thenCompose(
            stream -> {
              reply.sentAt = System.nanoTime();
              stream.write(Unpooled.wrappedBuffer(payload.clone()));
              return reply.result;
            });
  }

  /** Responder: echoes whole 32-byte pings, buffering at most one partial ping. */
  private static final class Echo implements StreamHandler {
    private final ByteBuf partial = Unpooled.buffer(PING_SIZE, PING_SIZE);

    @Override
    public void onData(final MuxedStream stream, final ByteBuf data) {
      while (data.isReadable()) {
        data.readBytes(partial, Math.min(partial.writableBytes(), data.readableBytes()));
        if (!partial.isWritable()) {
          stream.write(partial.copy());
          partial.clear();
        }
      }
    }

    @Override
    public void onRemoteClose(final MuxedStream stream) {
      stream.closeWrite();
    }
  }

  /** Dialer: collects the echo and compares it. */
  private static final class Reply implements StreamHandler {
    private final byte[] expected;
    private final ByteBuf received = Unpooled.buffer(PING_SIZE, PING_SIZE);
    private final CompletableFuture<Duration> result = new CompletableFuture<>();
    private volatile long sentAt;

    Reply(final byte[] expected) {
      this.expected = expected;
    }

    @Override
    public void onData(final MuxedStream stream, final ByteBuf data) {
      if (data.readableBytes() > received.writableBytes()) {
        throw fail(
            new P2pProtocolException(
                "ping", received.readableBytes(), "more than 32 bytes echoed"));
      }
      received.writeBytes(data);
      if (!received.isWritable()) {
        final Duration rtt = Duration.ofNanos(System.nanoTime() - sentAt);
        if (Arrays.equals(ByteBufUtil.getBytes(received), expected)) {
          result.complete(rtt);
          stream.closeWrite();
        } else {
          throw fail(new P2pProtocolException("ping", 0, "echo differs from the ping sent"));
        }
      }
    }

    @Override
    public void onReset(final MuxedStream stream) {
      result.completeExceptionally(new IllegalStateException("ping stream reset"));
    }

    private P2pProtocolException fail(final P2pProtocolException e) {
      result.completeExceptionally(e);
      return e;
    }
  }
}
