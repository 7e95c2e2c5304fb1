package io.zkstateless.common.test.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Bounded HTTP GETs against a service under test (health probes, metrics, the read API): each
 * answer is "status body", a connection or timeout failure is "000 " plus the error, so a fault
 * test can poll through an outage without ever hanging or throwing.
 */
public final class ServiceProbe implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  public ServiceProbe(final int port) {
    this(URI.create("http://127.0.0.1:" + port));
  }

  private ServiceProbe(final URI base) {
    this.base = base;
  }

  /** A probe of the same service on a client (and so a connection) of its own; close it after use. */
  public ServiceProbe fresh() {
    return new ServiceProbe(base);
  }

  @Override
  public void close() {
    http.close();
  }

  /** "status body" of {@code GET path}. */
  public String get(final String path) {
    try {
      final HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (final IOException e) {
      return "000 " + e;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }

  /** The readiness group's answer. */
  public String readiness() {
    return get("/actuator/health/readiness");
  }

  public boolean ready() {
    return readiness().startsWith("200");
  }

  public boolean live() {
    return get("/actuator/health/liveness").startsWith("200");
  }

  /**
   * Whether readiness is 503 with health component {@code component} neither UP nor absent (DOWN
   * or OUT_OF_SERVICE): the outage is reported, and by the right indicator.
   */
  public boolean reportsDown(final String component) {
    final String answer = readiness();
    if (!answer.startsWith("503")) {
      return false;
    }
    final int at = answer.indexOf("\"" + component + "\":{");
    if (at < 0) {
      return false;
    }
    final String rest = answer.substring(at);
    final int status = rest.indexOf("\"status\":\"");
    return status >= 0 && !rest.startsWith("UP\"", status + "\"status\":\"".length());
  }
}
