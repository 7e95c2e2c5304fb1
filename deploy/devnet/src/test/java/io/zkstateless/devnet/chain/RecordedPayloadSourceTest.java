package io.zkstateless.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.lodestar.MockEngineApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payloads Lodestar gets, over the real mock Engine API, against what the execution client
 * stand-in serves for the same hash: the consensus fields follow the beacon chain, the hash names
 * a restamped recorded block whose raw header hashes to it and whose witness is served.
 */
class RecordedPayloadSourceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long GENESIS = 1_700_000_000L;
  private static final int SECONDS_PER_SLOT = 2;
  private static final String GENESIS_PAYLOAD = "0x" + "0b".repeat(32);
  private static final String RANDAO = "0x" + "11".repeat(32);
  private static final String FEE_RECIPIENT = "0x" + "22".repeat(20);

  private final FixtureExecutionClient executionClient = FixtureExecutionClient.start();
  private final RecordedPayloadSource source =
      new RecordedPayloadSource(
          List.of(
              RecordedBlockTemplate.load("hoodi-51632"), RecordedBlockTemplate.load("hoodi-958035")),
          executionClient,
          () -> GENESIS,
          SECONDS_PER_SLOT);
  private final MockEngineApi engine = MockEngineApi.start(source, 0);

  @AfterEach
  void stop() {
    engine.close();
    executionClient.close();
  }

  @Test
  void eachSlotsPayloadIsARestampedRecordedBlockTheExecutionClientServes() throws Exception {
    String parent = GENESIS_PAYLOAD;
    for (long slot = 1; slot <= 3; slot++) {
      final String timestamp = "0x" + Long.toHexString(GENESIS + slot * SECONDS_PER_SLOT);
      final JsonNode payload = buildOn(parent, timestamp);
      final String fixture = slot % 2 == 1 ? "hoodi-51632" : "hoodi-958035";
      final JsonNode recorded = Fixtures.witnessFixture(fixture).path("block");

      // What Lodestar's state transition checks comes from the beacon chain.
      assertThat(payload.path("parentHash").asString()).isEqualTo(parent);
      assertThat(payload.path("timestamp").asString()).isEqualTo(timestamp);
      assertThat(payload.path("prevRandao").asString()).isEqualTo(RANDAO);
      assertThat(payload.path("feeRecipient").asString()).isEqualTo(FEE_RECIPIENT);
      assertThat(payload.path("withdrawals").size()).isEqualTo(1);
      // The rest is the recorded block's, with the stamp.
      assertThat(payload.path("blockNumber").asString()).isEqualTo(recorded.path("number").asString());
      assertThat(payload.path("stateRoot").asString()).isEqualTo(recorded.path("stateRoot").asString());
      assertThat(payload.path("gasUsed").asString()).isEqualTo(recorded.path("gasUsed").asString());
      assertThat(payload.path("transactions").size())
          .isEqualTo(Long.decode(recorded.path("transactionCount").asString()).intValue());
      assertThat(new String(Hex.decode(payload.path("extraData").asString()), StandardCharsets.US_ASCII))
          .isEqualTo("zk-devnet slot " + slot);

      final String hash = payload.path("blockHash").asString();
      assertThat(hash).isNotEqualTo(recorded.path("hash").asString());
      final byte[] rawBlock = Hex.decode(rpc("debug_getRawBlock", hash).path("result").asString());
      final RlpReader block = RlpReader.of(rawBlock).readList();
      assertThat(Hashes.keccak256(block.readRaw()).toHexString()).isEqualTo(hash);
      // The payload's transactions are the raw block's, in the Engine API's encoding.
      final RlpReader transactions = block.readList();
      for (final JsonNode transaction : payload.path("transactions")) {
        final byte[] item = transactions.isList() ? transactions.readRaw() : transactions.readBytes();
        assertThat(transaction.asString()).isEqualTo(Hex.encode(item));
      }
      assertThat(rpc("eth_getBlockByHash", hash).path("result").path("hash").asString()).isEqualTo(hash);
      assertThat(rpc("debug_executionWitness", hash).path("result").path("state").size()).isPositive();

      assertThat(newPayload(payload)).isEqualTo("VALID");
      parent = hash;
    }
  }

  @Test
  void aSlotAskedForTwiceGetsTheSameBlock() throws Exception {
    final String timestamp = "0x" + Long.toHexString(GENESIS + 5 * SECONDS_PER_SLOT);
    assertThat(buildOn(GENESIS_PAYLOAD, timestamp).path("blockHash").asString())
        .isEqualTo(buildOn(GENESIS_PAYLOAD, timestamp).path("blockHash").asString());
  }

  @Test
  void aTimestampNotAfterGenesisIsRefused() throws Exception {
    assertThatThrownBy(() -> source.slotOf("0x" + Long.toHexString(GENESIS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after genesis");
    assertThatThrownBy(() -> source.slotOf("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timestamp");
    // Over the Engine API the consensus client gets an error, not a broken payload.
    final JsonNode reply = call("engine_forkchoiceUpdatedV2", "[" + state(GENESIS_PAYLOAD) + "," + attributes("0x1") + "]");
    assertThat(reply.path("error").path("code").asInt()).isEqualTo(-32603);
  }

  private JsonNode buildOn(final String parent, final String timestamp) throws Exception {
    final JsonNode updated =
        call("engine_forkchoiceUpdatedV2", "[" + state(parent) + "," + attributes(timestamp) + "]");
    final String id = updated.path("result").path("payloadId").asString();
    return call("engine_getPayloadV2", "[\"" + id + "\"]").path("result").path("executionPayload");
  }

  private String newPayload(final JsonNode payload) throws Exception {
    return call("engine_newPayloadV2", "[" + payload + "]").path("result").path("status").asString();
  }

  private static String state(final String head) {
    return "{\"headBlockHash\":\"" + head + "\",\"safeBlockHash\":\"" + head
        + "\",\"finalizedBlockHash\":\"" + head + "\"}";
  }

  private static String attributes(final String timestamp) {
    return "{\"timestamp\":\"" + timestamp + "\",\"prevRandao\":\"" + RANDAO
        + "\",\"suggestedFeeRecipient\":\"" + FEE_RECIPIENT + "\",\"withdrawals\":[{\"index\":\"0x0\","
        + "\"validatorIndex\":\"0x1\",\"address\":\"" + FEE_RECIPIENT + "\",\"amount\":\"0x2\"}]}";
  }

  private JsonNode call(final String method, final String params) throws Exception {
    return post(engine.url(), method, params);
  }

  private JsonNode rpc(final String method, final String hash) throws Exception {
    return post(URI.create(executionClient.url()), method, "[\"" + hash + "\"]");
  }

  private static JsonNode post(final URI url, final String method, final String params) throws Exception {
    final String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    final HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
