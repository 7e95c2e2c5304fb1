package io.zkstateless.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a service's HTTP API on loopback from outside its JVM. Every call is short and answers
 * empty while the service is down or starting, so a test can poll through a crash.
 */
public final class ServiceHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public ServiceHttp(final int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** The JSON body of a 200 answer to {@code GET path}, empty otherwise. */
  public Optional<JsonNode> getJson(final String path) {
    try {
      final HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body()))
          : Optional.empty();
    } catch (final IOException | RuntimeException e) {
      return Optional.empty();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether {@code /actuator/health/liveness} answers UP: the context has started. */
  public boolean isLive() {
    return getJson("/actuator/health/liveness")
        .map(j -> "UP".equals(j.path("status").asString()))
        .orElse(false);
  }

  /** The validator's proven head slot from {@code /api/v1/heads}; -1 while it has none. */
  public long provenHeadSlot() {
    return getJson("/api/v1/heads").map(j -> j.path("proven").path("slot").asLong(-1)).orElse(-1L);
  }
}
