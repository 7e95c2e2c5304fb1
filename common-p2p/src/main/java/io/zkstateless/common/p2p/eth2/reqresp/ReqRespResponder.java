package io.zkstateless.common.p2p.eth2.reqresp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one req/resp protocol: reads the request until the peer half-closes, decodes it, asks the
 * application for the answer and writes one response chunk. A malformed request gets an
 * InvalidRequest chunk, a failing application a ServerError chunk; a peer that floods the stream or
 * never finishes its request has the stream reset. The connection is never touched.
 *
 * <p>A peer may have {@link ConcurrentRequests#MAX_CONCURRENT_REQUESTS} requests of this protocol
 * in flight; a further one is answered with {@link #RATE_LIMITED_MESSAGE} under {@link
 * ResponseChunk#RATE_LIMITED}, as Lighthouse answers it, without being decoded.
 */
final class ReqRespResponder<Q, R> implements ProtocolHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ReqRespResponder.class);

  /** Lighthouse's text; Lodestar and others recognise a rate limit by "rate limit" in it. */
  static final String RATE_LIMITED_MESSAGE =
      "Rate limited. There are already "
          + ConcurrentRequests.MAX_CONCURRENT_REQUESTS
          + " active requests with the same protocol";

  private final ReqRespMethod<Q, R> method;
  private final BiFunction<PeerId, Q, R> answer;
  private final Consumer<PeerId> afterResponse;
  private final Duration requestTimeout;
  private final ConcurrentRequests inFlight = new ConcurrentRequests();

  ReqRespResponder(
      final ReqRespMethod<Q, R> method,
      final BiFunction<PeerId, Q, R> answer,
      final Consumer<PeerId> afterResponse,
      final Duration requestTimeout) {
    this.method = method;
    this.answer = answer;
    this.afterResponse = afterResponse;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public String protocolId() {
    return method.protocolId();
  }

  @Override
  public StreamHandler accept(final MuxedStream stream) {
    final Exchange exchange =
        new Exchange(stream.remotePeerId(), inFlight.tryAcquire(stream.remotePeerId()));
    CompletableFuture.delayedExecutor(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (!exchange.answered) {
                LOG.debug(
                    "{} from {}: request not finished in time",
                    protocolId(),
                    stream.remotePeerId());
                stream.reset();
                exchange.finish();
              }
            });
    return exchange;
  }

  private final class Exchange implements StreamHandler {
    private final BoundedStreamBuffer request =
        new BoundedStreamBuffer(ReqRespCodec.maxWireSize(method.maxRequestSize()));
    private final PeerId peer;
    private final boolean admitted;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean answered;

    Exchange(final PeerId peer, final boolean admitted) {
      this.peer = peer;
      this.admitted = admitted;
    }

    /** The request no longer counts against the peer's concurrency limit. */
    void finish() {
      if (finished.compareAndSet(false, true) && admitted) {
        inFlight.release(peer);
      }
    }

    @Override
    public void onData(final MuxedStream stream, final ByteBuf data) {
      if (answered) {
        data.skipBytes(data.readableBytes());
        return;
      }
      request.append(data);
    }

    @Override
    public void onRemoteClose(final MuxedStream stream) {
      if (answered) {
        return;
      }
      answered = true;
      final byte[] response;
      if (admitted) {
        response = respond(peer, request.toByteArray());
      } else {
        LOG.debug("{} from {}: over the concurrent request limit", protocolId(), peer);
        response = ReqRespCodec.encodeError(ResponseChunk.RATE_LIMITED, RATE_LIMITED_MESSAGE);
      }
      stream
          .write(Unpooled.wrappedBuffer(response))
          .whenComplete(
              (ignored, error) -> {
                stream.closeWrite();
                finish();
                if (admitted) {
                  afterResponse.accept(peer);
                }
              });
    }

    @Override
    public void onReset(final MuxedStream stream) {
      answered = true;
      finish();
    }

    private byte[] respond(final PeerId peer, final byte[] wire) {
      final Q decoded;
      try {
        decoded = decodeRequest(wire);
      } catch (final DecodeException e) {
        LOG.debug("{} from {}: invalid request: {}", protocolId(), peer, e.getMessage());
        return ReqRespCodec.encodeError(ResponseChunk.INVALID_REQUEST, e.getMessage());
      }
      try {
        final R result = answer.apply(peer, decoded);
        return ReqRespCodec.encodeResponse(
            ResponseChunk.SUCCESS, method.responseSchema().encode(result));
      } catch (final ReqRespErrorException e) {
        return ReqRespCodec.encodeError(e.resultCode(), e.getMessage());
      } catch (final RuntimeException e) {
        LOG.warn("{} handler failed for {}", protocolId(), peer, e);
        return ReqRespCodec.encodeError(ResponseChunk.SERVER_ERROR, "internal error");
      }
    }

    private Q decodeRequest(final byte[] wire) {
      if (method.requestSchema().isEmpty()) {
        if (wire.length != 0) {
          throw new P2pProtocolException(
              "eth2 req/resp", 0, "request without content carried " + wire.length + " bytes");
        }
        return null;
      }
      final byte[] ssz = ReqRespCodec.decodeRequest(wire, method.maxRequestSize());
      return method.requestSchema().get().decode(ssz);
    }
  }
}
