package io.zkstateless.broadcaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.broadcaster.consume.ListenerIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.reactive.function.client.WebClient;

/** The production wiring with the p2p node off: nothing is consumed and readiness says why. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"broadcaster.fork-digest=bfe0d3f4", "broadcaster.p2p.enabled=false"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class BroadcasterApplicationTest {

  @LocalServerPort private int port;
  @Autowired private KafkaListenerEndpointRegistry registry;

  @Test
  void isLiveButNotReadyWithoutAP2pNode() {
    assertThat(get("/actuator/health/liveness").getBody()).contains("\"status\":\"UP\"");
    final ResponseEntity<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.getStatusCode().value()).isEqualTo(503);
    assertThat(readiness.getBody()).contains("no p2p node");
    assertThat(registry.getListenerContainers())
        .filteredOn(c -> c.getListenerId().startsWith(ListenerIds.PROOFS))
        .isNotEmpty()
        .noneMatch(c -> c.isRunning());
  }

  @Test
  void servesPrometheusMetrics() {
    assertThat(get("/actuator/prometheus").getBody())
        .contains("jvm_memory_used_bytes")
        .contains("application=\"broadcaster-service\"")
        .contains(
            "broadcaster_published_total{application=\"broadcaster-service\",result=\"published\"}")
        .contains("broadcaster_retry_queue");
  }

  private ResponseEntity<String> get(final String path) {
    return WebClient.create("http://localhost:" + port)
        .get()
        .uri(path)
        .exchangeToMono(r -> r.toEntity(String.class))
        .block();
  }
}
