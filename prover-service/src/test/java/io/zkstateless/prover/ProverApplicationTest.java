package io.zkstateless.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "prover.watch.source=none")
@EmbeddedKafka(partitions = 1, topics = "execution-proofs")
class ProverApplicationTest {

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void database(final DynamicPropertyRegistry registry) {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
  }

  @Test
  void servesLivenessAndPrometheusMetrics() {
    final WebClient client = WebClient.create("http://localhost:" + port);
    final String liveness =
        client.get().uri("/actuator/health/liveness").retrieve().bodyToMono(String.class).block();
    assertThat(liveness).contains("\"status\":\"UP\"");
    final String readiness =
        client.get().uri("/actuator/health/readiness").retrieve().bodyToMono(String.class).block();
    assertThat(readiness).contains("\"status\":\"UP\"").contains("\"zkvmWorkers\"");
    final String metrics =
        client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block();
    assertThat(metrics)
        .contains("jvm_memory_used_bytes")
        .contains("application=\"prover-service\"")
        .contains("prover_witness_fetch_total{")
        .contains("prover_jobs{application=\"prover-service\",state=\"queued\"}");
  }
}
