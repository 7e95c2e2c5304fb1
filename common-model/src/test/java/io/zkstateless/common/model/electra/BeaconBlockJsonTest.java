package io.zkstateless.common.model.electra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.codec.DecodeException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BeaconBlockJsonTest {

  @Test
  void buildsTheRequestTheVectorsDescribe() {
    final ElectraNewPayloadRequest request =
        BeaconBlockJson.newPayloadRequest(BeaconBlockJsonSamples.block("fulu"), ElectraPreset.MAINNET);

    assertThat(request.executionPayload())
        .isEqualTo(SszStaticVectors.payload(
            SszStaticVectors.value("mainnet/deneb/ExecutionPayload/ssz_random/case_4")));
    assertThat(ElectraSchemas.MAINNET.executionPayload().hashTreeRoot(request.executionPayload()))
        .isEqualTo(SszStaticVectors.root("mainnet/deneb/ExecutionPayload/ssz_random/case_4"));
    assertThat(ElectraSchemas.MAINNET.executionRequests().hashTreeRoot(request.executionRequests()))
        .isEqualTo(SszStaticVectors.root("minimal/electra/ExecutionRequests/ssz_random/case_5"));
    assertThat(request.parentBeaconBlockRoot())
        .isEqualTo(Bytes32.fromHex(BeaconBlockJsonSamples.PARENT_ROOT));
    assertThat(request.versionedHashes())
        .containsExactly(
            KzgVersionedHash.of(ImmutableBytes.fromHex(BeaconBlockJsonSamples.COMMITMENTS.get(0))),
            KzgVersionedHash.of(ImmutableBytes.fromHex(BeaconBlockJsonSamples.COMMITMENTS.get(1))));
  }

  @Test
  void readsTheRequestsAloneWithTheSameChecks() {
    final ObjectNode block = BeaconBlockJsonSamples.block("fulu");

    assertThat(ElectraSchemas.MAINNET.executionRequests().hashTreeRoot(
            BeaconBlockJson.executionRequests(block, ElectraPreset.MAINNET)))
        .isEqualTo(SszStaticVectors.root("minimal/electra/ExecutionRequests/ssz_random/case_5"));
    ((ObjectNode) block.path("data").path("message").path("body")).remove("execution_requests");
    assertThatThrownBy(() -> BeaconBlockJson.executionRequests(block, ElectraPreset.MAINNET))
        .isInstanceOf(BeaconBlockJsonException.class)
        .hasMessageContaining("data.message.body.execution_requests");
  }

  @Test
  void acceptsElectraAndRejectsOtherForks() {
    assertThat(BeaconBlockJson.newPayloadRequest(
            BeaconBlockJsonSamples.block("electra"), ElectraPreset.MAINNET))
        .isNotNull();
    for (final String fork : List.of("deneb", "gloas", "phase0")) {
      assertThatThrownBy(() -> BeaconBlockJson.newPayloadRequest(
              BeaconBlockJsonSamples.block(fork), ElectraPreset.MAINNET))
          .isInstanceOf(BeaconBlockJsonException.class)
          .hasMessageContaining("version");
    }
  }

  @Test
  void namesTheMissingField() {
    final ObjectNode block = BeaconBlockJsonSamples.block("fulu");
    payloadOf(block).remove("gas_used");

    assertThatThrownBy(() -> BeaconBlockJson.newPayloadRequest(block, ElectraPreset.MAINNET))
        .isInstanceOf(BeaconBlockJsonException.class)
        .hasMessageContaining("data.message.body.execution_payload.gas_used: missing");
  }

  @Test
  void rejectsWrongSizesAndNumbers() {
    assertRejected(b -> payloadOf(b).put("fee_recipient", "0x1234"), "fee_recipient");
    assertRejected(b -> payloadOf(b).put("extra_data", "0x" + "00".repeat(33)), "extra_data");
    assertRejected(b -> payloadOf(b).put("gas_limit", "18446744073709551616"), "gas_limit");
    assertRejected(b -> payloadOf(b).put("gas_limit", "-1"), "gas_limit");
    assertRejected(b -> payloadOf(b).put("base_fee_per_gas", "1e9"), "base_fee_per_gas");
    assertRejected(b -> payloadOf(b).put("block_hash", "0xzz" + "00".repeat(31)), "block_hash");
    assertRejected(
        b -> b.withObject("data").withObject("message").withObject("body")
            .withArray("blob_kzg_commitments").add("0x00"),
        "blob_kzg_commitments[2]");
  }

  @Test
  void rejectsListsOverThePresetLimit() {
    final ObjectNode block = BeaconBlockJsonSamples.block("fulu");
    final var withdrawals = payloadOf(block).withArray("withdrawals");
    while (withdrawals.size() <= 16) {
      withdrawals.add(withdrawals.get(0).deepCopy());
    }
    assertThatThrownBy(() -> BeaconBlockJson.newPayloadRequest(block, ElectraPreset.MAINNET))
        .isInstanceOf(BeaconBlockJsonException.class)
        .hasMessageContaining("17 elements, the limit is 16");
  }

  @Property(tries = 300)
  void anyMangledFieldRaisesOnlyTheDecodeException(
      @ForAll("paths") final String field, @ForAll("junk") final JsonNode junk) {
    final ObjectNode block = BeaconBlockJsonSamples.block("fulu");
    payloadOf(block).set(field, junk);
    try {
      BeaconBlockJson.newPayloadRequest(block, ElectraPreset.MAINNET);
    } catch (final DecodeException expected) {
      assertThat(expected).isInstanceOf(BeaconBlockJsonException.class);
    }
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of(
        "parent_hash", "fee_recipient", "logs_bloom", "block_number", "extra_data",
        "base_fee_per_gas", "transactions", "withdrawals", "blob_gas_used");
  }

  @Provide
  Arbitrary<JsonNode> junk() {
    final var factory = BeaconBlockJsonSamples.JSON.getNodeFactory();
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80).map(factory::stringNode),
        Arbitraries.strings().withChars("0123456789abcdefx").ofMaxLength(600).map(factory::stringNode),
        Arbitraries.longs().map(factory::numberNode),
        Arbitraries.just(factory.nullNode()),
        Arbitraries.just(factory.arrayNode().add("0x00")),
        Arbitraries.just(factory.objectNode()));
  }

  private static ObjectNode payloadOf(final ObjectNode block) {
    return block.withObject("data").withObject("message").withObject("body")
        .withObject("execution_payload");
  }

  private static void assertRejected(
      final java.util.function.Consumer<ObjectNode> mangle, final String field) {
    final ObjectNode block = BeaconBlockJsonSamples.block("fulu");
    mangle.accept(block);
    assertThatThrownBy(() -> BeaconBlockJson.newPayloadRequest(block, ElectraPreset.MAINNET))
        .isInstanceOf(BeaconBlockJsonException.class)
        .hasMessageContaining(field);
  }
}
