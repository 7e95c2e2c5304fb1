package io.zkstateless.prover.proving.ere;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into one array, refusing more than {@code maxBytes}: a declared {@code
 * Content-Length} above it fails before anything is buffered, and a body that grows past it fails
 * as soon as it does. A server cannot make the prover allocate more than it configured.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** Thrown (as the body's failure) when the body exceeds the bound. */
  static final class TooLargeException extends IOException {
    TooLargeException(final String message) {
      super(message);
    }
  }

  private final int maxBytes;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private byte[] buffer = new byte[8192];
  private int size;

  private BoundedBody(final int maxBytes) {
    this.maxBytes = maxBytes;
  }

  static HttpResponse.BodyHandler<byte[]> handler(final int maxBytes) {
    return info -> {
      final long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > maxBytes) {
        return HttpResponse.BodySubscribers.replacing(null);
      }
      return new BoundedBody(maxBytes);
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(final Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(final List<ByteBuffer> items) {
    for (final ByteBuffer item : items) {
      if (body.isDone()) {
        return;
      }
      final int length = item.remaining();
      if ((long) size + length > maxBytes) {
        subscription.cancel();
        body.completeExceptionally(
            new TooLargeException("response body exceeds " + maxBytes + " bytes"));
        return;
      }
      if (size + length > buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer, (int) Math.min(maxBytes, Math.max(size + length, 2L * buffer.length)));
      }
      item.get(buffer, size, length);
      size += length;
    }
  }

  @Override
  public void onError(final Throwable throwable) {
    body.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    body.complete(Arrays.copyOf(buffer, size));
  }
}
