package io.zkstateless.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ValidatorApplicationTest {

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;

  @DynamicPropertySource
  static void database(final DynamicPropertyRegistry registry) {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
  }

  @Test
  void migratesTheSchemaAndServesLivenessAndMetrics() {
    assertThat(jdbc.sql("SELECT max(version) FROM flyway_schema_history").query(String.class).single())
        .isEqualTo("1");
    final WebClient client = WebClient.create("http://localhost:" + port);
    final String liveness =
        client.get().uri("/actuator/health/liveness").retrieve().bodyToMono(String.class).block();
    assertThat(liveness).contains("\"status\":\"UP\"");
    final String metrics =
        client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block();
    assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"validator-service\"");
  }
}
