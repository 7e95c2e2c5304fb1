package io.zkstateless.common.p2p.eth2.reqresp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request on a fresh stream and reads the single response chunk. The first response byte
 * must arrive within the TTFB timeout and the whole response within the response timeout; a late,
 * oversized or malformed response fails the future and resets the stream, never the connection.
 */
final class ReqRespRequester<Q, R> implements StreamHandler {

  private final ReqRespMethod<Q, R> method;
  private final BoundedStreamBuffer response;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private volatile MuxedStream stream;
  private volatile boolean firstByteSeen;

  private ReqRespRequester(final ReqRespMethod<Q, R> method) {
    this.method = method;
    this.response = new BoundedStreamBuffer(ReqRespCodec.maxWireSize(method.maxChunkSize()));
  }

  static <Q, R> CompletableFuture<R> send(
      final Connection connection,
      final ReqRespMethod<Q, R> method,
      final Q request,
      final ReqRespTimeouts timeouts) {
    final byte[] wire =
        method
            .requestSchema()
            .map(schema -> ReqRespCodec.encodeRequest(schema.encode(request)))
            .orElse(new byte[0]);
    final ReqRespRequester<Q, R> requester = new ReqRespRequester<>(method);
    // The response deadline covers protocol negotiation too: a peer that never answers
    // multistream must not hold the future open.
    after(
        timeouts.response(),
        () ->
            requester.fail(
                new TimeoutException(method.protocolId() + ": response not complete in time")));
    connection
        .openStream(method.protocolId(), requester)
        .whenComplete(
            (stream, error) -> {
              if (error != null) {
                requester.result.completeExceptionally(error);
                return;
              }
              requester.stream = stream;
              if (wire.length > 0) {
                stream.write(Unpooled.wrappedBuffer(wire));
              }
              stream.closeWrite();
              requester.startFirstByteTimer(timeouts);
            });
    return requester.result;
  }

  private void startFirstByteTimer(final ReqRespTimeouts timeouts) {
    after(
        timeouts.timeToFirstByte(),
        () -> {
          if (!firstByteSeen) {
            fail(new TimeoutException(method.protocolId() + ": no response byte in time"));
          }
        });
  }

  private static void after(final Duration delay, final Runnable action) {
    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(action);
  }

  @Override
  public void onData(final MuxedStream stream, final ByteBuf data) {
    firstByteSeen = true;
    if (result.isDone()) {
      data.skipBytes(data.readableBytes());
      return;
    }
    try {
      response.append(data);
    } catch (final P2pProtocolException e) {
      result.completeExceptionally(e);
      throw e;
    }
  }

  @Override
  public void onRemoteClose(final MuxedStream stream) {
    if (result.isDone()) {
      return;
    }
    try {
      final ResponseChunk chunk =
          ReqRespCodec.decodeResponse(response.toByteArray(), method.maxResponseSize());
      if (!chunk.isSuccess()) {
        result.completeExceptionally(
            new ReqRespErrorException(chunk.resultCode(), chunk.errorMessage()));
      } else {
        result.complete(method.responseSchema().decode(chunk.payload()));
      }
      stream.closeWrite();
    } catch (final DecodeException e) {
      fail(
          e instanceof P2pProtocolException
              ? e
              : new P2pProtocolException("eth2 req/resp", e.offset(), e.getMessage(), e));
    }
  }

  @Override
  public void onReset(final MuxedStream stream) {
    result.completeExceptionally(
        new IllegalStateException(method.protocolId() + ": stream reset before the response"));
  }

  private void fail(final Throwable error) {
    if (result.completeExceptionally(error) && stream != null) {
      stream.reset();
    }
  }
}
