package io.zkstateless.validator.reliability;

import io.zkstateless.common.test.fault.FaultProxy;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Helpers shared by the fault tests. */
final class Reliability {

  private Reliability() {}

  /** The JDBC URL with its host and port replaced by the proxy's. */
  static String throughProxy(final String jdbcUrl, final FaultProxy proxy) {
    return jdbcUrl.replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://" + proxy.hostAndPort() + "/");
  }

  /** GETs that answer "status body", on a new connection each, never waiting unbounded. */
  record Http(int port) {

    String get(final String uri) {
      return WebClient.builder()
          .baseUrl("http://localhost:" + port)
          .clientConnector(new ReactorClientHttpConnector(
              HttpClient.create(ConnectionProvider.newConnection()).responseTimeout(Duration.ofSeconds(30))))
          .build()
          .get().uri(uri)
          .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(b -> r.statusCode().value() + " " + b))
          .block(Duration.ofSeconds(30));
    }
  }
}
