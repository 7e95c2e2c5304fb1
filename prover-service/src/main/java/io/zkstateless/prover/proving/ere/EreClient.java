package io.zkstateless.prover.proving.ere;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.zkstateless.prover.proving.ere.api.ProgramVkRequest;
import io.zkstateless.prover.proving.ere.api.ProgramVkResponse;
import io.zkstateless.prover.proving.ere.api.ProveRequest;
import io.zkstateless.prover.proving.ere.api.ProveResponse;
import io.zkstateless.prover.proving.ere.api.VerifyRequest;
import io.zkstateless.prover.proving.ere.api.VerifyResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Client of one ere-server's {@code api.ZkvmService} over twirp: {@code POST
 * <base>/twirp/api.ZkvmService/<Method>} with a protobuf body ({@code Content-Type:
 * application/protobuf}); a 200 carries the protobuf response, anything else a twirp JSON error.
 *
 * <p>Every future fails only with {@link EreCallException}. Cancelling a returned future aborts the
 * HTTP exchange; ere-server then drops a {@code Prove} still queued behind its one-at-a-time
 * semaphore (a prove already running on the GPU runs to its end: ere cannot stop one).
 */
public final class EreClient {

  static final String SERVICE_PATH = "twirp/api.ZkvmService/";
  static final String PROTOBUF = "application/protobuf";

  private final HttpClient http;
  private final URI base;
  private final int maxResponseBytes;

  /**
   * @param base the server's base URL, e.g. {@code http://ere-sp1-0:3000/}
   */
  public EreClient(final HttpClient http, final URI base, final int maxResponseBytes) {
    this.http = http;
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.maxResponseBytes = maxResponseBytes;
  }

  public URI base() {
    return base;
  }

  /** {@code Prove} with this (already length-prefixed) guest stdin and no proofs. */
  public CompletableFuture<ProveResponse> prove(final byte[] stdin, final Duration timeout) {
    final ProveRequest request =
        ProveRequest.newBuilder().setInputStdin(UnsafeByteOperations.unsafeWrap(stdin)).build();
    return call("Prove", request, ProveResponse.parser(), timeout);
  }

  /** {@code Verify} of a proof as {@code Prove} returned it. */
  public CompletableFuture<VerifyResponse> verify(final byte[] proof, final Duration timeout) {
    final VerifyRequest request =
        VerifyRequest.newBuilder().setProof(UnsafeByteOperations.unsafeWrap(proof)).build();
    return call("Verify", request, VerifyResponse.parser(), timeout);
  }

  /** {@code ProgramVk}: which program the server proves (its encoded verifying key). */
  public CompletableFuture<ProgramVkResponse> programVk(final Duration timeout) {
    return call(
        "ProgramVk", ProgramVkRequest.getDefaultInstance(), ProgramVkResponse.parser(), timeout);
  }

  private <T> CompletableFuture<T> call(
      final String method,
      final MessageLite request,
      final Parser<T> parser,
      final Duration timeout) {
    final HttpRequest httpRequest =
        HttpRequest.newBuilder(base.resolve(SERVICE_PATH + method))
            .timeout(timeout)
            .header("Content-Type", PROTOBUF)
            .header("Accept", PROTOBUF)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
            .build();
    final CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(httpRequest, BoundedBody.handler(maxResponseBytes));
    final CompletableFuture<T> result =
        exchange.handle((response, error) -> answer(method, response, error, parser));
    // Cancelling (or timing out) the caller's future must abort the exchange, not just forget it.
    result.whenComplete(
        (value, error) -> {
          if (error != null) {
            exchange.cancel(true);
          }
        });
    return result;
  }

  private <T> T answer(
      final String method,
      final HttpResponse<byte[]> response,
      final Throwable error,
      final Parser<T> parser) {
    if (error != null) {
      throw failure(method, unwrap(error));
    }
    final byte[] body = response.body();
    if (body == null) {
      throw new EreCallException(
          EreCallException.Kind.MALFORMED,
          method,
          "response declares more than " + maxResponseBytes + " bytes",
          null);
    }
    if (response.statusCode() != 200) {
      final TwirpError twirp = TwirpError.of(response.statusCode(), body);
      throw new EreCallException(EreCallException.Kind.TWIRP, method, twirp.toString(), twirp);
    }
    try {
      return parser.parseFrom(body);
    } catch (final InvalidProtocolBufferException e) {
      throw new EreCallException(
          EreCallException.Kind.MALFORMED,
          method,
          "response is not a " + method + "Response: " + e.getMessage(),
          null);
    }
  }

  private EreCallException failure(final String method, final Throwable error) {
    if (error instanceof EreCallException call) {
      return call;
    }
    if (error instanceof HttpTimeoutException) {
      return new EreCallException(
          EreCallException.Kind.TIMEOUT,
          method,
          "no answer from " + base + " in time (" + error.getMessage() + ")",
          null);
    }
    if (error instanceof BoundedBody.TooLargeException) {
      return new EreCallException(
          EreCallException.Kind.MALFORMED, method, error.getMessage(), null);
    }
    final String detail = error.getMessage() == null ? error.toString() : error.getMessage();
    return new EreCallException(
        EreCallException.Kind.TRANSPORT, method, base + " failed: " + detail, null);
  }

  private static Throwable unwrap(final Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io
        && io.getCause() instanceof BoundedBody.TooLargeException big) {
      return big;
    }
    return cause;
  }
}
