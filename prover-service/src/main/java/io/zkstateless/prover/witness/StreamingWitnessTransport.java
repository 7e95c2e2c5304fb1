package io.zkstateless.prover.witness;

import io.zkstateless.prover.witness.web3j.ExecutionWitnessResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.Request;

/**
 * Sends a web3j witness {@link Request} and streams the answer into an {@link ExecutionWitness}.
 *
 * <p>Why not web3j's own {@code send()}: in web3j 6.0.0 {@code HttpService.performIO} reads the
 * whole body with {@code ResponseBody.bytes()}, then {@code Service.send} calls {@code
 * readAllBytes()} on that stream and deserialises from the resulting array. A 300 MB witness would
 * sit on the heap twice as bytes before Jackson even starts, and a {@code List<String>} result
 * would add two bytes per hex digit on top. So the request is still built by web3j (method name,
 * params and id come from {@code DebugWitnessWeb3j}) and serialised with web3j's mapper, but the
 * response body is handed to Jackson's streaming parser as it arrives from OkHttp (the same HTTP
 * client web3j uses), and hex goes straight into compact storage.
 */
public final class StreamingWitnessTransport {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_ERROR_BODY_CHARS = 512;

  private final OkHttpClient http;
  private final String url;
  private final WitnessResponseReader reader;

  public StreamingWitnessTransport(
      final OkHttpClient http, final String url, final WitnessLimits limits) {
    this.http = http;
    this.url = url;
    this.reader = new WitnessResponseReader(limits);
  }

  /**
   * Sends the request and blocks until the witness has been read or {@code timeout} (covering
   * connect, request and the whole body) has passed.
   *
   * @throws ExecutionClientException every failure, with its {@link FailureReason}; a {@link
   *     WitnessFormatException} is the cause of a {@link FailureReason#MALFORMED_RESPONSE}
   */
  public ExecutionWitness send(
      final Request<?, ExecutionWitnessResponse> request, final Duration timeout) {
    final String method = request.getMethod();
    final String payload = ObjectMapperFactory.getObjectMapper().writeValueAsString(request);
    final Call call =
        http.newCall(
            new okhttp3.Request.Builder().url(url).post(RequestBody.create(payload, JSON)).build());
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      final ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        throw new ExecutionClientException(
            FailureReason.TRANSPORT_ERROR,
            method + " got HTTP " + response.code() + ": " + errorSnippet(body));
      }
      try (InputStream stream = body.byteStream()) {
        return reader.read(stream, method, request.getId());
      }
    } catch (final InterruptedIOException e) {
      throw new ExecutionClientException(
          FailureReason.TIMEOUT, method + " did not complete within " + timeout, e);
    } catch (final IOException e) {
      throw new ExecutionClientException(
          FailureReason.TRANSPORT_ERROR, method + " failed: " + e, e);
    } catch (final WitnessFormatException e) {
      throw new ExecutionClientException(
          FailureReason.MALFORMED_RESPONSE,
          method + " returned a malformed witness: " + e.getMessage(),
          e);
    }
  }

  private static String errorSnippet(final ResponseBody body) throws IOException {
    if (body == null) {
      return "(no body)";
    }
    final byte[] head = body.byteStream().readNBytes(MAX_ERROR_BODY_CHARS);
    return new String(head, StandardCharsets.UTF_8);
  }
}
