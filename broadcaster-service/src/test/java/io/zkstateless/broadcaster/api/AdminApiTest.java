package io.zkstateless.broadcaster.api;

import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.fail;
import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.noPeers;
import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.reach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.support.BroadcasterContextTest;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.common.model.proof.ExecutionProof;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdminApiTest extends BroadcasterContextTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void refusesCallsWithoutTheRightToken() {
    assertThat(call(HttpMethod.GET, "/api/v1/admin/peers", null).getStatusCode().value())
        .isEqualTo(401);
    final ResponseEntity<String> wrong =
        call(HttpMethod.GET, "/api/v1/admin/peers", "test-admin-token-0123456780");
    assertThat(wrong.getStatusCode().value()).isEqualTo(401);
    assertThat(wrong.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(
            call(HttpMethod.POST, "/api/v1/admin/dead-letters/replay", null)
                .getStatusCode()
                .value())
        .isEqualTo(401);
    assertThat(
            call(HttpMethod.POST, "/api/v1/admin/listener/pause", "Bearer").getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void answersBadInputWith400AndUnknownBlocksWith404() {
    final ResponseEntity<String> bad = admin(HttpMethod.GET, "/api/v1/admin/broadcasts/0x1234");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody()).contains("block hash must be 0x and 64 hex digits");
    assertThat(admin(HttpMethod.GET, "/api/v1/admin/dead-letters?limit=0").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            admin(HttpMethod.GET, "/api/v1/admin/dead-letters?limit=501").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            admin(HttpMethod.POST, "/api/v1/admin/dead-letters/0/-1/replay")
                .getStatusCode()
                .value())
        .isEqualTo(400);
    assertThat(
            admin(HttpMethod.POST, "/api/v1/admin/dead-letters/0/99999/replay")
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(
            admin(HttpMethod.GET, "/api/v1/admin/broadcasts/0x" + "00".repeat(32))
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void reportsBroadcastStatusAndPeers() {
    gossip.setPeers(Map.of(1, 6, 7, 2));
    final JsonNode peers = json(admin(HttpMethod.GET, "/api/v1/admin/peers"));
    assertThat(peers.path("peersPerSubnet").path("1").asInt()).isEqualTo(6);
    final ExecutionProof proof = Proofs.fresh(7);
    gossip.script(hash(proof), noPeers(), reach(2));
    send(proof);
    results.await(hash(proof), WAIT);
    final JsonNode status = json(admin(HttpMethod.GET, "/api/v1/admin/broadcasts/" + hash(proof)));
    assertThat(status).hasSize(1);
    assertThat(status.get(0).path("state").asString()).isEqualTo("published");
    assertThat(status.get(0).path("attempts").asInt()).isEqualTo(2);
    assertThat(status.get(0).path("peersReached").asInt()).isEqualTo(2);
  }

  @Test
  void listsDeadLettersAndReplaysOne() {
    final ExecutionProof proof = Proofs.fresh(3);
    gossip.script(hash(proof), fail("no route"));
    send(proof);
    assertThat(results.await(hash(proof), WAIT).path("result").asString())
        .isEqualTo("dead_lettered");
    final JsonNode entry = deadLetterOf(hash(proof));
    assertThat(entry.path("subnet").asInt()).isEqualTo(3);
    assertThat(entry.path("reason").asString()).contains("no route");

    gossip.script(hash(proof), reach(4));
    final ResponseEntity<String> replay =
        admin(
            HttpMethod.POST,
            "/api/v1/admin/dead-letters/"
                + entry.path("partition").asInt()
                + "/"
                + entry.path("offset").asLong()
                + "/replay");
    assertThat(replay.getStatusCode().value()).isEqualTo(200);
    final JsonNode published =
        results.await(hash(proof), r -> r.path("result").asString().equals("published"), WAIT);
    assertThat(published.path("attempts").asInt()).isEqualTo(1);
    assertThat(published.path("peers_reached").asInt()).isEqualTo(4);
  }

  @Test
  void replaysAllDeadLetters() {
    final ExecutionProof proof = Proofs.fresh(6);
    gossip.script(hash(proof), fail("down"));
    send(proof);
    results.await(hash(proof), WAIT);
    gossip.script(hash(proof), reach(1));
    final JsonNode replayed = json(admin(HttpMethod.POST, "/api/v1/admin/dead-letters/replay"));
    assertThat(replayed.path("replayed").asInt()).isPositive();
    results.await(hash(proof), r -> r.path("result").asString().equals("published"), WAIT);
  }

  @Test
  void pausesAndResumesConsumption() {
    final JsonNode paused = json(admin(HttpMethod.POST, "/api/v1/admin/listener/pause"));
    assertThat(paused.path("broadcaster-proofs").asString()).isEqualTo("paused");
    final ExecutionProof proof = Proofs.fresh(2);
    send(proof);
    await()
        .during(java.time.Duration.ofSeconds(1))
        .atMost(java.time.Duration.ofSeconds(3))
        .until(() -> gossip.publicationsOf(hash(proof)).isEmpty());
    final JsonNode resumed = json(admin(HttpMethod.POST, "/api/v1/admin/listener/resume"));
    assertThat(resumed.path("broadcaster-proofs").asString()).isEqualTo("running");
    assertThat(results.await(hash(proof), WAIT).path("result").asString()).isEqualTo("published");
  }

  private JsonNode deadLetterOf(final String blockHash) {
    final JsonNode[] found = new JsonNode[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              for (final JsonNode entry :
                  json(admin(HttpMethod.GET, "/api/v1/admin/dead-letters?limit=500"))) {
                if (blockHash.equals(entry.path("blockHash").asString(null))) {
                  found[0] = entry;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  private ResponseEntity<String> admin(final HttpMethod method, final String path) {
    return call(method, path, TOKEN);
  }

  private ResponseEntity<String> call(
      final HttpMethod method, final String path, final String token) {
    return WebClient.create("http://localhost:" + port)
        .method(method)
        .uri(path)
        .headers(
            h -> {
              if (token != null) {
                h.set("Authorization", token.startsWith("Bearer") ? token : "Bearer " + token);
              }
            })
        .exchangeToMono(r -> r.toEntity(String.class))
        .block();
  }

  private static JsonNode json(final ResponseEntity<String> response) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return JSON.readTree(response.getBody());
  }
}
