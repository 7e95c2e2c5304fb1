package io.zkstateless.validator.verify.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.electra.ElectraExecutionPayload;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.electra.ElectraNewPayloadRequest;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.model.electra.KzgVersionedHash;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.follow.BeaconApiException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class BeaconPayloadRequestRootsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMMITMENT = "0x" + "c0".repeat(48);
  private static final BeaconBlock BLOCK =
      new BeaconBlock(
          Bytes32.fromHex("0x" + "bb".repeat(32)), 10, Bytes32.fromHex("0x" + "aa".repeat(32)),
          Bytes32.fromHex("0x" + "ee".repeat(32)), 100, Instant.EPOCH);

  @Test
  void computesTheRootOfTheBlocksRequestAndCachesIt() {
    final AtomicInteger fetches = new AtomicInteger();
    final BeaconPayloadRequestRoots roots =
        new BeaconPayloadRequestRoots(
            root -> {
              fetches.incrementAndGet();
              return blockJson(BLOCK.executionBlockHash());
            },
            ElectraSchemas.MAINNET,
            4);

    final Bytes32 expected = ElectraSchemas.MAINNET.newPayloadRequestRoot(expectedRequest());
    assertThat(roots.rootFor(BLOCK)).isEqualTo(expected);
    assertThat(roots.rootFor(BLOCK)).isEqualTo(expected);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void aBlockWithAnotherPayloadOrNoBeaconNodeGivesNoRoot() {
    final BeaconPayloadRequestRoots other =
        new BeaconPayloadRequestRoots(
            root -> blockJson(Bytes32.fromHex("0x" + "ef".repeat(32))), ElectraSchemas.MAINNET, 4);
    assertThatThrownBy(() -> other.rootFor(BLOCK))
        .isInstanceOf(PayloadRequestRoots.RootUnavailableException.class)
        .hasMessageContaining("now carries payload");

    final BeaconPayloadRequestRoots down =
        new BeaconPayloadRequestRoots(
            root -> {
              throw new BeaconApiException("HTTP 503");
            },
            ElectraSchemas.MAINNET,
            4);
    assertThatThrownBy(() -> down.rootFor(BLOCK))
        .isInstanceOf(PayloadRequestRoots.RootUnavailableException.class)
        .hasMessageContaining("HTTP 503");

    final BeaconPayloadRequestRoots gloas =
        new BeaconPayloadRequestRoots(
            root -> ((ObjectNode) blockJson(BLOCK.executionBlockHash())).put("version", "gloas"),
            ElectraSchemas.MAINNET,
            4);
    assertThatThrownBy(() -> gloas.rootFor(BLOCK))
        .isInstanceOf(PayloadRequestRoots.RootUnavailableException.class)
        .hasMessageContaining("gloas");
  }

  private static ElectraNewPayloadRequest expectedRequest() {
    return new ElectraNewPayloadRequest(
        new ElectraExecutionPayload(
            Bytes32.fromHex("0x" + "01".repeat(32)),
            ImmutableBytes.fromHex("0x" + "02".repeat(20)),
            Bytes32.fromHex("0x" + "03".repeat(32)),
            Bytes32.fromHex("0x" + "04".repeat(32)),
            ImmutableBytes.of(new byte[256]),
            Bytes32.fromHex("0x" + "05".repeat(32)),
            100,
            36_000_000,
            21_000,
            1_750_000_000,
            ImmutableBytes.EMPTY,
            new BigInteger("18446744073709551617"),
            BLOCK.executionBlockHash(),
            List.of(ImmutableBytes.fromHex("0x02f801")),
            List.of(),
            0,
            0),
        List.of(KzgVersionedHash.of(ImmutableBytes.fromHex(COMMITMENT))),
        BLOCK.parentRoot(),
        ElectraExecutionRequests.EMPTY);
  }

  /** The Beacon API JSON of {@link #expectedRequest()}: decimal strings, 0x hex. */
  private static JsonNode blockJson(final Bytes32 blockHash) {
    final ObjectNode root = JSON.createObjectNode().put("version", "fulu");
    final ObjectNode message = root.putObject("data").putObject("message");
    message.put("slot", "10").put("parent_root", BLOCK.parentRoot().toHexString());
    final ObjectNode body = message.putObject("body");
    final ObjectNode payload = body.putObject("execution_payload");
    payload.put("parent_hash", "0x" + "01".repeat(32));
    payload.put("fee_recipient", "0x" + "02".repeat(20));
    payload.put("state_root", "0x" + "03".repeat(32));
    payload.put("receipts_root", "0x" + "04".repeat(32));
    payload.put("logs_bloom", "0x" + "00".repeat(256));
    payload.put("prev_randao", "0x" + "05".repeat(32));
    payload.put("block_number", "100");
    payload.put("gas_limit", "36000000");
    payload.put("gas_used", "21000");
    payload.put("timestamp", "1750000000");
    payload.put("extra_data", "0x");
    payload.put("base_fee_per_gas", "18446744073709551617");
    payload.put("block_hash", blockHash.toHexString());
    payload.putArray("transactions").add("0x02f801");
    payload.putArray("withdrawals");
    payload.put("blob_gas_used", "0");
    payload.put("excess_blob_gas", "0");
    body.putArray("blob_kzg_commitments").add(COMMITMENT);
    final ObjectNode requests = body.putObject("execution_requests");
    requests.putArray("deposits");
    requests.putArray("withdrawals");
    requests.putArray("consolidations");
    return root;
  }
}
