package io.zkstateless.prover.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /api/v1/admin/**} with a bearer token, compared in constant time. Everything else
 * (read API, actuator on its own port in deployments) passes.
 */
@Component
public class AdminTokenFilter implements WebFilter {

  static final String ADMIN_PREFIX = "/api/v1/admin/";
  private final byte[] expected;

  public AdminTokenFilter(final AdminProperties admin) {
    this.expected =
        admin.enabled() ? ("Bearer " + admin.token()).getBytes(StandardCharsets.UTF_8) : null;
  }

  @Override
  public Mono<Void> filter(final ServerWebExchange exchange, final WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith(ADMIN_PREFIX)) {
      return chain.filter(exchange);
    }
    final String presented = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (expected != null
        && presented != null
        && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
      return chain.filter(exchange);
    }
    final var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    final String message =
        expected == null
            ? "admin API disabled: set prover.admin.token"
            : "missing or wrong bearer token";
    final byte[] body =
        ("{\"status\":401,\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
