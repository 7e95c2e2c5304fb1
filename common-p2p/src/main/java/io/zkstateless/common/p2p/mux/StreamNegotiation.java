package io.zkstateless.common.p2p.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.multistream.MultistreamNegotiator;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs multistream-select on a fresh stream, then hands the stream (and any bytes that arrived
 * behind the deciding message) to the handler the {@code onSelected} function returns.
 */
public final class StreamNegotiation implements StreamHandler {

  /** Negotiation messages are at most 1 KiB; a peer sending more without deciding is stalling. */
  static final int MAX_BUFFERED = 4096;

  private final MultistreamNegotiator negotiator;
  private final BiFunction<MuxedStream, String, StreamHandler> onSelected;
  private final Consumer<Throwable> onFailed;
  private final ByteBuf buffer = Unpooled.buffer();
  private volatile boolean done;

  private StreamNegotiation(
      final MultistreamNegotiator negotiator,
      final BiFunction<MuxedStream, String, StreamHandler> onSelected,
      final Consumer<Throwable> onFailed) {
    this.negotiator = negotiator;
    this.onSelected = onSelected;
    this.onFailed = onFailed;
  }

  /**
   * Makes {@code stream} negotiate with {@code negotiator}: sends its opening messages and installs
   * itself as the stream's handler. {@code onFailed} hears of a violation, a refusal or a reset
   * before a protocol was selected.
   */
  public static StreamNegotiation start(
      final MuxedStream stream,
      final MultistreamNegotiator negotiator,
      final BiFunction<MuxedStream, String, StreamHandler> onSelected,
      final Consumer<Throwable> onFailed) {
    final StreamNegotiation negotiation = new StreamNegotiation(negotiator, onSelected, onFailed);
    stream.setHandler(negotiation);
    stream.write(negotiator.start(Unpooled.buffer().alloc()));
    return negotiation;
  }

  /** Whether a protocol was selected or the negotiation failed; safe from any thread. */
  public boolean isDone() {
    return done;
  }

  @Override
  public void onData(final MuxedStream stream, final ByteBuf data) {
    if (buffer.readableBytes() + data.readableBytes() > MAX_BUFFERED) {
      throw fail(
          new P2pProtocolException(
              "multistream-select",
              buffer.readableBytes(),
              "more than " + MAX_BUFFERED + " bytes without a decision"));
    }
    buffer.writeBytes(data, data.readerIndex(), data.readableBytes());
    final ByteBuf reply = Unpooled.buffer();
    final Optional<String> selected;
    try {
      selected = negotiator.receive(buffer, reply);
    } catch (final RuntimeException e) {
      reply.release();
      throw fail(e);
    }
    if (reply.isReadable()) {
      stream.write(reply);
    } else {
      reply.release();
    }
    if (selected.isPresent()) {
      done = true;
      final StreamHandler next = onSelected.apply(stream, selected.get());
      stream.setHandler(next);
      try {
        if (buffer.isReadable()) {
          next.onData(stream, buffer);
        }
      } finally {
        release();
      }
    }
  }

  @Override
  public void onRemoteClose(final MuxedStream stream) {
    fail(new IllegalStateException("stream closed during protocol negotiation"));
    stream.reset();
  }

  @Override
  public void onReset(final MuxedStream stream) {
    fail(new IllegalStateException("stream reset during protocol negotiation"));
  }

  private RuntimeException fail(final RuntimeException e) {
    release();
    if (!done) {
      done = true;
      onFailed.accept(e);
    }
    return e;
  }

  private void release() {
    if (buffer.refCnt() > 0) {
      buffer.release();
    }
  }
}
