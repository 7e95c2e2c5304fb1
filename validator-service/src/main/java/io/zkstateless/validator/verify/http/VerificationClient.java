package io.zkstateless.validator.verify.http;

import io.zkstateless.common.model.bytes.Bytes32;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/execution_proof_verifications?new_payload_request_root=&proof_type=} with the raw
 * proof as the body; zkboost answers {@code {"status":"VALID"|"INVALID"}}, {@code 404} for a proof
 * type it does not know. Anything but a verdict is a {@link CallFailed} with a bounded outcome
 * label.
 */
final class VerificationClient {

  private static final int MAX_ANSWER_BYTES = 16 * 1024;

  /** The verdicts a verifier can give. */
  enum Status {
    VALID,
    INVALID
  }

  /** No verdict: {@code outcome} is a metric label, the message says what happened. */
  static final class CallFailed extends Exception {
    private final String outcome;

    CallFailed(final String outcome, final String message) {
      super(message);
      this.outcome = outcome;
    }

    String outcome() {
      return outcome;
    }
  }

  private final HttpClient http;
  private final JsonMapper json;
  private final HttpVerifierProperties config;

  VerificationClient(
      final HttpClient http, final JsonMapper json, final HttpVerifierProperties config) {
    this.http = http;
    this.json = json;
    this.config = config;
  }

  Status verify(final Bytes32 root, final byte[] proof) throws CallFailed {
    final URI uri =
        config
            .url()
            .resolve(
                "/v1/execution_proof_verifications?new_payload_request_root="
                    + root.toHexString()
                    + "&proof_type="
                    + URLEncoder.encode(config.proofType(), StandardCharsets.UTF_8));
    final HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(config.timeout())
            .header("Content-Type", "application/octet-stream")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(proof))
            .build();
    final int status;
    final byte[] body;
    try {
      final HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_ANSWER_BYTES);
      }
    } catch (final HttpTimeoutException e) {
      throw new CallFailed("timeout", "no answer within " + config.timeout());
    } catch (final IOException e) {
      throw new CallFailed("io_error", e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed("interrupted", "interrupted");
    }
    if (status == 404) {
      throw new CallFailed(
          "unknown_proof_type", "verifier does not know proof type " + config.proofType());
    }
    if (status != 200) {
      throw new CallFailed(status >= 500 ? "http_5xx" : "http_4xx", "HTTP " + status);
    }
    return parse(body);
  }

  private Status parse(final byte[] body) throws CallFailed {
    try {
      final JsonNode status = json.readTree(body).get("status");
      if (status != null && status.isString()) {
        switch (status.asString()) {
          case "VALID":
            return Status.VALID;
          case "INVALID":
            return Status.INVALID;
          default:
            break;
        }
      }
    } catch (final JacksonException e) {
      // reported below
    }
    final String text = new String(body, StandardCharsets.UTF_8);
    throw new CallFailed(
        "malformed", "no VALID/INVALID status in " + text.substring(0, Math.min(200, text.length())));
  }
}
