package io.zkstateless.prover.proving.zkboost;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.proving.ProvingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three zkboost v0.7 calls the prover makes ({@code docs/spec-execution-proofs.md} B.13):
 * request a proof, open the event stream filtered on one root, download a proof. Blocking; every
 * failure is a {@link ProvingException} with a bounded reason, or an {@link IOException} for a
 * stream that could not be opened (the caller retries those).
 */
final class ZkboostClient {

  private static final int MAX_JSON_BYTES = 64 * 1024;

  private final HttpClient http;
  private final JsonMapper json;
  private final WorkerProperties.Zkboost config;

  ZkboostClient(
      final HttpClient http, final JsonMapper json, final WorkerProperties.Zkboost config) {
    this.http = http;
    this.json = json;
    this.config = config;
  }

  /** {@code POST /v1/execution_proof_requests?proof_types=}: the root zkboost computed. */
  Bytes32 requestProof(final byte[] newPayloadRequestSsz) {
    final HttpRequest request =
        HttpRequest.newBuilder(uri("/v1/execution_proof_requests?proof_types=" + config.proofType()))
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/octet-stream")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(newPayloadRequestSsz))
            .build();
    final HttpResponse<InputStream> response = send(request, "proof request");
    final byte[] body = read(response, MAX_JSON_BYTES, "proof request", "zkboost_unavailable");
    if (response.statusCode() == 400) {
      throw new ProvingException("zkboost_rejected", "zkboost refused the request: " + text(body));
    }
    if (response.statusCode() != 200) {
      throw unavailable("proof request: HTTP " + response.statusCode() + " " + text(body));
    }
    try {
      final JsonNode root = json.readTree(body).get("new_payload_request_root");
      if (root == null || !root.isString()) {
        throw unavailable("proof request: no new_payload_request_root in " + text(body));
      }
      return Bytes32.fromHex(root.asString());
    } catch (final JacksonException | IllegalArgumentException e) {
      throw unavailable("proof request: malformed answer " + text(body));
    }
  }

  /** {@code GET /v1/execution_proof_requests?new_payload_request_root=}: the open stream. */
  InputStream openEvents(final Bytes32 root) throws IOException {
    final HttpRequest request =
        HttpRequest.newBuilder(
                uri("/v1/execution_proof_requests?new_payload_request_root=" + root.toHexString()))
            .timeout(config.requestTimeout())
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    final HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvingException("cancelled", "interrupted while opening the event stream");
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("event stream: HTTP " + response.statusCode());
    }
    return response.body();
  }

  /**
   * {@code GET /v1/execution_proofs/{root}/{type}}.
   *
   * @return the proof, or null when zkboost answers 404 (not ready, or evicted from its cache)
   */
  byte[] fetchProof(final Bytes32 root) {
    final HttpRequest request =
        HttpRequest.newBuilder(
                uri("/v1/execution_proofs/" + root.toHexString() + "/" + config.proofType()))
            .timeout(config.requestTimeout())
            .header("Accept", "application/octet-stream")
            .GET()
            .build();
    final HttpResponse<InputStream> response = send(request, "proof download");
    final byte[] body =
        read(response, config.maxProofBytes(), "proof download", "proof_too_large");
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw unavailable("proof download: HTTP " + response.statusCode() + " " + text(body));
    }
    return body;
  }

  private HttpResponse<InputStream> send(final HttpRequest request, final String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (final IOException e) {
      throw unavailable(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvingException("cancelled", what + " interrupted");
    }
  }

  private static byte[] read(
      final HttpResponse<InputStream> response,
      final int limit,
      final String what,
      final String tooLargeReason) {
    try (InputStream in = response.body()) {
      final byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw new ProvingException(
            response.statusCode() == 200 ? tooLargeReason : "zkboost_unavailable",
            what + ": answer larger than " + limit + " bytes");
      }
      return body;
    } catch (final IOException e) {
      throw unavailable(what + ": body cut short: " + e.getMessage());
    }
  }

  private URI uri(final String pathAndQuery) {
    return config.url().resolve(pathAndQuery);
  }

  private static ProvingException unavailable(final String message) {
    return ProvingException.outage("zkboost_unavailable", message);
  }

  private static String text(final byte[] body) {
    final String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
