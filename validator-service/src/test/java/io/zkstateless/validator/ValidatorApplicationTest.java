package io.zkstateless.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import org.junit.jupiter.api.AfterAll;

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

  private static final String ROOT = "0x" + "11".repeat(32);
  private static final String ZERO = "0x" + "00".repeat(32);

  @LocalServerPort private int port;
  @Autowired private JdbcClient jdbc;

  private static ScriptedBeaconNode beacon;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(ROOT, 0, ZERO, ZERO, 0));
    registry.add("validator.beacon.url", () -> beacon.url().toString());
  }

  @AfterAll
  static void stopBeacon() {
    beacon.close();
  }

  @Test
  void becomesReadyOnceItFollowsTheBeaconNode() {
    final WebClient client = WebClient.create("http://localhost:" + port);
    await().untilAsserted(() -> assertThat(
        client.get().uri("/actuator/health/readiness").exchangeToMono(r -> r.bodyToMono(String.class)).block())
        .contains("\"status\":\"UP\"")
        .contains("\"beaconFollower\""));
    final String heads = client.get().uri("/api/v1/heads").retrieve().bodyToMono(String.class).block();
    assertThat(heads).contains("\"gapSlots\":0").contains("\"root\":\"" + ROOT + "\"");
    final String metrics = client.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block();
    assertThat(metrics).contains("validator_proven_gap_slots{application=\"validator-service\"} 0.0");
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
