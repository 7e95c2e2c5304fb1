package io.zkstateless.prover.witness;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Bounds the bodies of the small calls (block, raw block, access list, chain config), which web3j
 * reads whole into memory: a declared {@code Content-Length} above the limit fails before anything
 * is read, and a chunked body fails as soon as it passes the limit. Without it an execution client
 * (or whatever answers in its place) could make the prover buffer an unbounded answer. Witnesses
 * are streamed and bounded by {@link WitnessLimits} instead.
 */
final class ResponseSizeLimit implements Interceptor {

  /**
   * 64 MiB: a mainnet block's RLP is a few MiB at most (calldata costs gas), twice that as hex, so
   * this leaves an order of magnitude of headroom.
   */
  static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** The body passed the limit; the call fails as MALFORMED_RESPONSE, not as a transport error. */
  static final class TooLargeException extends IOException {
    TooLargeException(final long maxBytes) {
      super("response body exceeds the limit of " + maxBytes + " bytes");
    }
  }

  private final long maxBytes;

  ResponseSizeLimit(final long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Response intercept(final Chain chain) throws IOException {
    final Response response = chain.proceed(chain.request());
    final ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    if (body.contentLength() > maxBytes) {
      response.close();
      throw new TooLargeException(maxBytes);
    }
    final BufferedSource bounded =
        Okio.buffer(
            new ForwardingSource(body.source()) {
              private long read;

              @Override
              public long read(final Buffer sink, final long byteCount) throws IOException {
                final long n = super.read(sink, byteCount);
                if (n > 0) {
                  read += n;
                  if (read > maxBytes) {
                    throw new TooLargeException(maxBytes);
                  }
                }
                return n;
              }
            });
    return response
        .newBuilder()
        .body(ResponseBody.create(bounded, body.contentType(), body.contentLength()))
        .build();
  }
}
