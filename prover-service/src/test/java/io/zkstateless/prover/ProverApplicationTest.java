package io.zkstateless.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.jobs.JobDatabase;
import io.zkstateless.prover.jobs.JobKey;
import io.zkstateless.prover.jobs.JobState;
import io.zkstateless.prover.jobs.ProofJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prover.watch.source=none", "prover.admin.token=" + ProverApplicationTest.TOKEN})
@EmbeddedKafka(partitions = 1, topics = "execution-proofs")
class ProverApplicationTest {

  static final String TOKEN = "prover-admin-token-0123456789";

  @LocalServerPort private int port;
  @Autowired private ProofJobStore store;

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
        .contains("prover_witness_fetch_seconds_count{")
        .contains("prover_jobs{application=\"prover-service\",state=\"queued\"}");
  }

  @Test
  void adminApiNeedsTheTokenRequeuesKnownJobsAndAnswersClearly() {
    final WebClient client = WebClient.create("http://localhost:" + port);
    final BlockRef block = JobDatabase.block(4242);
    store.enqueue(block, List.of("mock"), Instant.now());
    final JobKey key = new JobKey(block.blockHash(), "mock");
    store.claim("mock", "someone-else", Instant.now(), Duration.ofMinutes(1));
    store.fail(key, "someone-else", "worker_error: broken GPU", Instant.now());

    assertThat(exchange(client, HttpMethod.POST, "/api/v1/admin/proofs?blockNumber=4242", null))
        .startsWith("401");
    assertThat(
            exchange(
                client,
                HttpMethod.POST,
                "/api/v1/admin/proofs?blockNumber=4242",
                "Bearer wrong-token-but-long-enough"))
        .startsWith("401");
    assertThat(
            exchange(
                client, HttpMethod.GET, "/api/v1/admin/proofs?blockNumber=4242", "Bearer " + TOKEN))
        .startsWith("200")
        .contains("\"state\":\"failed\"")
        .contains("broken GPU");
    assertThat(
            exchange(
                client, HttpMethod.POST, "/api/v1/admin/proofs?blockHash=0x12", "Bearer " + TOKEN))
        .startsWith("400");
    assertThat(
            exchange(
                client,
                HttpMethod.POST,
                "/api/v1/admin/proofs?fromSlot=10&toSlot=5000",
                "Bearer " + TOKEN))
        .startsWith("400");
    assertThat(
            exchange(
                client,
                HttpMethod.POST,
                "/api/v1/admin/proofs?blockHash=" + block.blockHash().toHexString(),
                "Bearer " + TOKEN))
        .startsWith("200")
        .contains("\"requeued\":1");
    assertThat(store.find(key).orElseThrow().state())
        .isIn(JobState.QUEUED, JobState.PROVING, JobState.PUBLISHING, JobState.PROVED);
    assertThat(
            exchange(
                client,
                HttpMethod.POST,
                "/api/v1/admin/proofs?blockNumber=4242",
                "Bearer " + TOKEN))
        .as("nothing left to requeue")
        .contains("\"requeued\":0");
    final String detail = "/api/v1/admin/jobs/" + block.blockHash().toHexString() + "/mock";
    assertThat(exchange(client, HttpMethod.GET, detail, null)).startsWith("401");
    assertThat(exchange(client, HttpMethod.GET, detail, "Bearer " + TOKEN))
        .startsWith("200")
        .contains("\"pinned\":true")
        .contains("\"queuedAt\":\"");
    assertThat(exchange(client, HttpMethod.GET, "/api/v1/admin/workers", "Bearer " + TOKEN))
        .startsWith("200")
        .contains("\"breaker\":\"CLOSED\"");
    assertThat(exchange(client, HttpMethod.POST, "/api/v1/admin/dispatch/pause", "Bearer " + TOKEN))
        .contains("\"paused\":true");
    assertThat(exchange(client, HttpMethod.POST, "/api/v1/admin/dispatch/resume", "Bearer " + TOKEN))
        .contains("\"paused\":false");
    assertThat(exchange(client, HttpMethod.GET, "/v3/api-docs", null))
        .startsWith("200")
        .contains("/api/v1/admin/jobs/{blockHash}/{proofType}/cancel")
        .contains("/api/v1/admin/dispatch/pause");
  }

  /**
   * Issue #9: the admin API takes query parameters only; a request body, form-encoded or not, is
   * never read as input (WebFlux matches {@code params} on the query), so any body, even 8 MiB,
   * answers 400 without being buffered, and the service answers normally afterwards.
   */
  @Test
  void requestBodiesAreNeverInput() {
    final WebClient client = WebClient.create("http://localhost:" + port);
    assertThat(form(client, null, "blockNumber=4242")).startsWith("401");
    assertThat(form(client, "Bearer " + TOKEN, "blockNumber=4242")).startsWith("400");
    assertThat(form(client, "Bearer " + TOKEN, "blockNumber=4242&pad=" + "x".repeat(8 << 20)))
        .startsWith("400");
    assertThat(
            exchange(
                client, HttpMethod.GET, "/api/v1/admin/proofs?blockNumber=4242", "Bearer " + TOKEN))
        .startsWith("200");
  }

  private static String form(final WebClient client, final String authorization, final String body) {
    return client
        .post()
        .uri("/api/v1/admin/proofs")
        .headers(
            h -> {
              if (authorization != null) {
                h.set("Authorization", authorization);
              }
            })
        .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue(body)
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(b -> r.statusCode().value() + " " + b))
        .block();
  }

  private static String exchange(
      final WebClient client,
      final HttpMethod method,
      final String uri,
      final String authorization) {
    return client
        .method(method)
        .uri(uri)
        .headers(
            h -> {
              if (authorization != null) {
                h.set("Authorization", authorization);
              }
            })
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(b -> r.statusCode().value() + " " + b))
        .block();
  }
}
