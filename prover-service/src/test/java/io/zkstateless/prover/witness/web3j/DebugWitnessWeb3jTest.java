package io.zkstateless.prover.witness.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.witness.ExecutionWitness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.http.HttpService;
import tools.jackson.databind.JsonNode;

/** The web3j façade on its own, through web3j's {@code HttpService} (fine for small witnesses). */
class DebugWitnessWeb3jTest {

  private static final String NAME = "hoodi-51632";

  private FixtureExecutionClient el;
  private DebugWitnessWeb3j web3j;
  private JsonNode fixture;

  @BeforeEach
  void start() {
    fixture = Fixtures.witnessFixture(NAME);
    el = FixtureExecutionClient.start().serve(FixtureBlock.recorded(NAME));
    web3j = DebugWitnessWeb3j.build(new HttpService(el.url()));
  }

  @AfterEach
  void stop() {
    el.close();
  }

  @Test
  void sendsEachMethodWithItsExactNameAndParams() throws Exception {
    final String hash = fixture.path("block").path("hash").asString();

    web3j.debugExecutionWitness("0xc9b0").send();
    web3j.debugExecutionWitnessByBlockHash(hash).send();
    web3j.debugGetRawBlock(hash).send();
    web3j.debugChainConfig().send();
    web3j.ethGetBlockByHash(hash, false).send();

    assertThat(el.requests())
        .extracting(r -> r.path("method").asString() + r.path("params"))
        .containsExactly(
            "debug_executionWitness[\"0xc9b0\"]",
            "debug_executionWitnessByBlockHash[\"" + hash + "\"]",
            "debug_getRawBlock[\"" + hash + "\"]",
            "debug_chainConfig[]",
            "eth_getBlockByHash[\"" + hash + "\",false]");
    assertThat(el.requests())
        .allSatisfy(r -> assertThat(r.path("jsonrpc").asString()).isEqualTo("2.0"));
  }

  @Test
  void responsesDeserialiseThroughWeb3j() throws Exception {
    final ExecutionWitness witness =
        web3j.debugExecutionWitness("0xc9b0").send().getExecutionWitness();
    final String raw = web3j.debugGetRawBlock("0xc9b0").send().getRawBlock();
    final ChainConfigResponse config = web3j.debugChainConfig().send();

    assertThat(witness.state().size())
        .isEqualTo(fixture.path("expected").path("counts").path("state_nodes").asInt());
    assertThat(raw).isEqualTo(fixture.path("rawBlock").asString());
    assertThat(config.getChainConfig().path("chainId").asLong()).isEqualTo(560048);
  }

  @Test
  void unknownBlockComesBackAsAJsonRpcError() throws Exception {
    final ExecutionWitnessResponse response =
        web3j.debugExecutionWitness("0x" + "00".repeat(32)).send();

    assertThat(response.hasError()).isTrue();
    assertThat(response.getError().getCode()).isEqualTo(-32001);
  }
}
