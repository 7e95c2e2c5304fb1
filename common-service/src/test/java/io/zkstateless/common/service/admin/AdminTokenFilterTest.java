package io.zkstateless.common.service.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class AdminTokenFilterTest {

  private static final String TOKEN = "0123456789abcdef-token";

  private static HttpStatus call(final AdminTokenFilter filter, final String path, final String authorization) {
    final MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post(path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    final MockServerWebExchange exchange = MockServerWebExchange.from(request);
    final AtomicBoolean passed = new AtomicBoolean();
    filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))).block();
    return passed.get() ? HttpStatus.OK : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
  }

  @Test
  void adminPathsNeedTheExactBearerToken() {
    final AdminTokenFilter filter = new AdminTokenFilter(AdminToken.of("x.admin.token", TOKEN));
    assertThat(call(filter, "/api/v1/admin/proofs", "Bearer " + TOKEN)).isEqualTo(HttpStatus.OK);
    assertThat(call(filter, "/api/v1/admin/proofs", "Bearer " + TOKEN + "x")).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(filter, "/api/v1/admin/proofs", TOKEN)).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(filter, "/api/v1/admin/proofs", null)).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(filter, "/api/v1/heads", null)).isEqualTo(HttpStatus.OK);
  }

  @Test
  void withoutATokenTheAdminApiIsClosed() {
    final AdminTokenFilter filter = new AdminTokenFilter(AdminToken.of("x.admin.token", " "));
    assertThat(call(filter, "/api/v1/admin/proofs", "Bearer ")).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shortTokensAreRefusedAndTheValueNeverPrinted() {
    assertThatThrownBy(() -> AdminToken.of("x.admin.token", "short")).hasMessageContaining("x.admin.token must be at least 16");
    assertThat(AdminToken.of("x.admin.token", TOKEN).toString()).isEqualTo("x.admin.token=<set>").doesNotContain(TOKEN);
  }
}
