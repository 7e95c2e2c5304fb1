package io.zkstateless.common.test.el;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FixtureExecutionClientTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HASH =
      "0x2476b23a03dd87f272724a12213dc4a1ca8f13a1aa9d128a690e1b7d7d312e5e";

  private FixtureExecutionClient el;

  @BeforeEach
  void start() {
    el = FixtureExecutionClient.start().serveRecorded("hoodi-51632");
  }

  @AfterEach
  void stop() {
    el.close();
  }

  @Test
  void servesTheRecordedWitnessByHashAndByNumber() throws Exception {
    final JsonNode byHash = call("debug_executionWitness", "[\"" + HASH + "\"]");
    final JsonNode byNumber = call("debug_executionWitness", "[\"0xc9b0\"]");

    assertThat(byHash.path("result").path("state").size()).isEqualTo(207);
    assertThat(byNumber.path("result")).isEqualTo(byHash.path("result"));
    assertThat(call("eth_blockNumber", "[]").path("result").asString()).isEqualTo("0xc9b0");
    assertThat(
            call("eth_getBlockByHash", "[\"" + HASH + "\",false]")
                .path("result")
                .path("hash")
                .asString())
        .isEqualTo(HASH);
  }

  @Test
  void unknownBlocksAndMethodsAnswerLikeAClient() throws Exception {
    final String unknown = "[\"0x" + "00".repeat(32) + "\"]";

    assertThat(call("debug_executionWitness", unknown).path("error").path("code").asInt())
        .isEqualTo(-32001);
    assertThat(call("eth_getBlockByHash", unknown).path("result").isNull()).isTrue();
    assertThat(call("debug_traceBlock", unknown).path("error").path("code").asInt())
        .isEqualTo(-32601);
  }

  @Test
  void scriptedFaultsApplyOncePerCallInOrder() throws Exception {
    el.notReadyFor("debug_getRawBlock", 1).enqueue("debug_getRawBlock", new Fault.NullResult());

    assertThat(call("debug_getRawBlock", "[\"" + HASH + "\"]").path("error").path("code").asInt())
        .isEqualTo(-32001);
    assertThat(call("debug_getRawBlock", "[\"" + HASH + "\"]").path("result").isNull()).isTrue();
    assertThat(call("debug_getRawBlock", "[\"" + HASH + "\"]").path("result").asString())
        .startsWith("0xf9");
    assertThat(el.calls("debug_getRawBlock")).isEqualTo(3);
  }

  private JsonNode call(final String method, final String params) throws Exception {
    final String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try (HttpClient http = HttpClient.newHttpClient()) {
      final HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(el.url()))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      return JSON.readTree(response.body());
    }
  }
}
