package io.zkstateless.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chain over real HTTP: what the beacon node says each slot, the execution client serves. */
class SimulatedChainTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final FixtureExecutionClient executionClient = FixtureExecutionClient.start();
  private SimulatedChain chain;

  @AfterEach
  void stop() {
    if (chain != null) {
      chain.beacon().close();
    }
    executionClient.close();
  }

  @Test
  void eachSlotsBeaconBlockCommitsToABlockTheExecutionClientServes() throws Exception {
    chain =
        SimulatedChain.atGenesis(
            List.of(
                RecordedBlockTemplate.load("hoodi-51632"),
                RecordedBlockTemplate.load("hoodi-958035")),
            executionClient,
            SimulatedChainTest::beacon);
    for (int slot = 1; slot <= 4; slot++) {
      final SimulatedChain.SlotBlock block = chain.advance();
      assertThat(block.slot()).isEqualTo(slot);
      assertThat(block.template()).isEqualTo(slot % 2 == 1 ? "hoodi-51632" : "hoodi-958035");

      final JsonNode head = get(chain.beacon().url() + "/eth/v1/beacon/headers/head");
      assertThat(head.path("data").path("root").asString()).isEqualTo(block.root());
      assertThat(head.path("data").path("header").path("message").path("parent_root").asString())
          .isEqualTo(SimulatedChain.root(slot - 1));
      final JsonNode payload =
          get(chain.beacon().url() + "/eth/v2/beacon/blocks/" + block.root())
              .path("data").path("message").path("body").path("execution_payload");
      assertThat(payload.path("block_hash").asString()).isEqualTo(block.executionHash());

      final JsonNode served = rpc("eth_getBlockByHash", block.executionHash());
      assertThat(served.path("result").path("hash").asString()).isEqualTo(block.executionHash());
      assertThat(rpc("debug_getRawBlock", block.executionHash()).path("result").isString()).isTrue();
      assertThat(rpc("debug_executionWitness", block.executionHash()).path("result").path("state").size())
          .isPositive();
    }
  }

  @Test
  void finalizesTheCheckpointTwoEpochsBack() throws Exception {
    chain =
        SimulatedChain.atGenesis(
            List.of(RecordedBlockTemplate.load("hoodi-51632")), executionClient, SimulatedChainTest::beacon);
    final String genesis = SimulatedChain.root(0);
    for (int slot = 1; slot < 2 * SimulatedChain.SLOTS_PER_EPOCH; slot++) {
      chain.advance();
    }
    assertThat(finalizedRoot()).isEqualTo(genesis);
    for (int slot = 2 * SimulatedChain.SLOTS_PER_EPOCH; slot <= 3 * SimulatedChain.SLOTS_PER_EPOCH; slot++) {
      chain.advance();
    }
    assertThat(finalizedRoot()).isEqualTo(SimulatedChain.root(SimulatedChain.SLOTS_PER_EPOCH));
    assertThat(chain.slot()).isEqualTo(3 * SimulatedChain.SLOTS_PER_EPOCH);
  }

  private String finalizedRoot() throws Exception {
    return get(chain.beacon().url() + "/eth/v1/beacon/headers/finalized").path("data").path("root").asString();
  }

  private JsonNode rpc(final String method, final String hash) throws Exception {
    final String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[\"" + hash + "\",false]}";
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(executionClient.url()))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static JsonNode get(final String url) throws Exception {
    return JSON.readTree(
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static ScriptedBeaconNode beacon(final ScriptedBeaconNode.Block genesis) {
    try {
      return new ScriptedBeaconNode(genesis);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
