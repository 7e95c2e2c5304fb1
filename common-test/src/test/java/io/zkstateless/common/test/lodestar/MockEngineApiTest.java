package io.zkstateless.common.test.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The mock Engine API over real HTTP, in the call order a consensus client uses. */
class MockEngineApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GENESIS = "0x" + "0b".repeat(32);
  private static final String RANDAO = "0x" + "11".repeat(32);
  private static final String FEE_RECIPIENT = "0x" + "22".repeat(20);

  private final MockEngineApi engine = MockEngineApi.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void buildsCapellaPayloadsOnTheirParentAndAcceptsThem() throws Exception {
    final JsonNode first = buildOn(GENESIS, "0x10");
    assertThat(first.path("parentHash").asString()).isEqualTo(GENESIS);
    assertThat(first.path("blockNumber").asString()).isEqualTo("0x1");
    assertThat(first.path("timestamp").asString()).isEqualTo("0x10");
    assertThat(first.path("prevRandao").asString()).isEqualTo(RANDAO);
    assertThat(first.path("feeRecipient").asString()).isEqualTo(FEE_RECIPIENT);
    assertThat(first.path("withdrawals").size()).isEqualTo(1);
    assertThat(first.path("transactions").isEmpty()).isTrue();

    final JsonNode status = call("engine_newPayloadV2", "[" + first + "]");
    assertThat(status.path("result").path("status").asString()).isEqualTo("VALID");
    assertThat(status.path("result").path("latestValidHash").asString()).isEqualTo(first.path("blockHash").asString());
    assertThat(engine.newPayloadCount()).isEqualTo(1);

    final JsonNode second = buildOn(first.path("blockHash").asString(), "0x12");
    assertThat(second.path("blockNumber").asString()).isEqualTo("0x2");
    assertThat(second.path("blockHash").asString()).isNotEqualTo(first.path("blockHash").asString());
    // A competing payload on the same parent at another slot gets its own hash.
    assertThat(buildOn(GENESIS, "0x11").path("blockHash").asString()).isNotEqualTo(first.path("blockHash").asString());
  }

  @Test
  void aPayloadIsServedOnceAndUnknownMethodsAreMethodNotFound() throws Exception {
    final String id = forkchoiceUpdated(GENESIS, "0x10").path("result").path("payloadId").asString();
    assertThat(call("engine_getPayloadV2", "[\"" + id + "\"]").has("result")).isTrue();
    assertThat(call("engine_getPayloadV2", "[\"" + id + "\"]").path("error").path("code").asInt()).isEqualTo(-38001);
    assertThat(call("eth_syncing", "[]").path("error").path("code").asInt()).isEqualTo(-32601);
    final JsonNode plain = call("engine_forkchoiceUpdatedV2", "[{\"headBlockHash\":\"" + GENESIS + "\"},null]");
    assertThat(plain.path("result").path("payloadStatus").path("status").asString()).isEqualTo("VALID");
    assertThat(plain.path("result").path("payloadId").isNull()).isTrue();
  }

  private JsonNode buildOn(final String parent, final String timestamp) throws Exception {
    final String id = forkchoiceUpdated(parent, timestamp).path("result").path("payloadId").asString();
    final JsonNode envelope = call("engine_getPayloadV2", "[\"" + id + "\"]").path("result");
    assertThat(envelope.path("blockValue").asString()).isEqualTo("0x0");
    return envelope.path("executionPayload");
  }

  private JsonNode forkchoiceUpdated(final String head, final String timestamp) throws Exception {
    final String state = "{\"headBlockHash\":\"" + head + "\",\"safeBlockHash\":\"" + head + "\",\"finalizedBlockHash\":\"" + head + "\"}";
    final String attributes =
        "{\"timestamp\":\"" + timestamp + "\",\"prevRandao\":\"" + RANDAO + "\",\"suggestedFeeRecipient\":\""
            + FEE_RECIPIENT + "\",\"withdrawals\":[{\"index\":\"0x0\",\"validatorIndex\":\"0x1\",\"address\":\""
            + FEE_RECIPIENT + "\",\"amount\":\"0x2\"}]}";
    return call("engine_forkchoiceUpdatedV2", "[" + state + "," + attributes + "]");
  }

  private JsonNode call(final String method, final String params) throws Exception {
    final String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}";
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(engine.url()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    final JsonNode reply = JSON.readTree(response.body());
    assertThat(reply.path("id").asInt()).isEqualTo(7);
    return reply;
  }
}
