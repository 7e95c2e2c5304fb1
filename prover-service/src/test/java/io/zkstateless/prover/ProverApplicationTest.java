package io.zkstateless.prover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProverApplicationTest {

  @LocalServerPort private int port;

  @Test
  void servesLivenessAndPrometheusMetrics() {
    final WebClient client = WebClient.create("http://localhost:" + port);
    final String liveness =
        client.get().uri("/actuator/health/liveness").retrieve().bodyToMono(String.class).block();
    assertThat(liveness).contains("\"status\":\"UP\"");
    final String readiness =
        client.get().uri("/actuator/health/readiness").retrieve().bodyToMono(String.class).block();
    assertThat(readiness).contains("\"status\":\"UP\"");
    final String metrics =
        client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block();
    assertThat(metrics)
        .contains("jvm_memory_used_bytes")
        .contains("application=\"prover-service\"")
        .contains("prover_witness_fetch_total{");
  }
}
