package io.zkstateless.common.service.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /api/v1/admin/**} with a bearer token, compared in constant time; answers 401 with
 * a JSON message otherwise. Everything else passes. Each service declares it as a bean with its
 * own {@link AdminToken}.
 */
public final class AdminTokenFilter implements WebFilter {

  public static final String ADMIN_PREFIX = "/api/v1/admin/";

  private final byte[] expected;
  private final String disabledMessage;

  public AdminTokenFilter(final AdminToken token) {
    this.expected = token.enabled() ? ("Bearer " + token.value()).getBytes(StandardCharsets.UTF_8) : null;
    this.disabledMessage = "admin API disabled: set " + token.propertyName();
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
    return unauthorized(exchange.getResponse(), expected == null ? disabledMessage : "missing or wrong bearer token");
  }

  private static Mono<Void> unauthorized(final ServerHttpResponse response, final String message) {
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    final byte[] body = ("{\"status\":401,\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
