package io.zkstateless.common.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.model.ssz.SszDecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ExecutionProofKafkaCodecTest {

  private static final Bytes32 BLOCK_HASH =
      Bytes32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  private static final Bytes32 BEACON_ROOT =
      Bytes32.fromHex("0x4d611d5b93fdab69013a7f0a2f961caca0c853f87cfe9595fe50038163079360");
  private static final ExecutionProof PROOF =
      ExecutionProofSchema.DEFAULT.create(
          BLOCK_HASH, 1, 1, ImmutableBytes.fromHex("0x0102030405"), 1_760_000_000L);

  @Test
  void roundTripsValueKeyAndHeadersThroughARecord() {
    final byte[] value;
    try (ExecutionProofSerializer serializer = new ExecutionProofSerializer()) {
      value = serializer.serialize("execution-proofs", PROOF);
    }
    final RecordHeaders headers = new RecordHeaders();
    new ProofRecordHeaders("sp1", 21_000_000L, 12_345_678L, BEACON_ROOT, "prover-a")
        .writeTo(headers);

    try (ExecutionProofDeserializer deserializer = new ExecutionProofDeserializer()) {
      assertThat(deserializer.deserialize("execution-proofs", headers, value)).isEqualTo(PROOF);
    }
    assertThat(ProofRecordHeaders.readFrom(headers))
        .isEqualTo(
            new ProofRecordHeaders("sp1", 21_000_000L, 12_345_678L, BEACON_ROOT, "prover-a"));
    assertThat(new String(headers.lastHeader("zk-slot").value(), StandardCharsets.UTF_8))
        .isEqualTo("12345678");
    assertThat(ProofRecordKeys.keyFor(PROOF)).isEqualTo(BLOCK_HASH.toHexString());
  }

  @Test
  void tombstonesStayNull() {
    assertThat(new ExecutionProofSerializer().serialize("t", null)).isNull();
    assertThat(new ExecutionProofDeserializer().deserialize("t", null)).isNull();
  }

  @Test
  void malformedValuesRaiseOnlySszDecodeException() {
    final ExecutionProofDeserializer deserializer = new ExecutionProofDeserializer();
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {1, 2, 3}))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("ExecutionProof");
  }

  @Test
  void configureReadsTheSubnetCount() {
    final ExecutionProof onSubnet9 =
        new ExecutionProofSchema(new ExecutionProofSubnetConfig(10))
            .create(BLOCK_HASH, 9, 1, ImmutableBytes.EMPTY, 0);
    final ExecutionProofSerializer serializer = new ExecutionProofSerializer();
    serializer.configure(Map.of("zk.max-execution-proof-subnets", "10"), false);
    final byte[] value = serializer.serialize("t", onSubnet9);

    final ExecutionProofDeserializer narrow = new ExecutionProofDeserializer();
    assertThatThrownBy(() -> narrow.deserialize("t", value)).isInstanceOf(SszDecodeException.class);
    final ExecutionProofDeserializer wide = new ExecutionProofDeserializer();
    wide.configure(Map.of("zk.max-execution-proof-subnets", 10), false);
    assertThat(wide.deserialize("t", value)).isEqualTo(onSubnet9);
  }

  @Test
  void rejectsMissingRepeatedAndMalformedHeaders() {
    final RecordHeaders valid = new RecordHeaders();
    new ProofRecordHeaders("sp1", 1, 2, BEACON_ROOT, "p").writeTo(valid);

    final RecordHeaders missing = copy(valid);
    missing.remove(ProofRecordHeaders.SLOT);
    assertThatThrownBy(() -> ProofRecordHeaders.readFrom(missing))
        .isInstanceOf(ProofRecordHeaderException.class)
        .hasMessageContaining("zk-slot")
        .hasMessageContaining("missing");

    final RecordHeaders repeated = copy(valid);
    repeated.add(ProofRecordHeaders.PROOF_TYPE, "zisk".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ProofRecordHeaders.readFrom(repeated))
        .hasMessageContaining("zk-proof-type")
        .hasMessageContaining("more than once");

    assertThatThrownBy(
            () -> ProofRecordHeaders.readFrom(with(valid, ProofRecordHeaders.BLOCK_NUMBER, "-1")))
        .hasMessageContaining("expected a decimal number");
    assertThatThrownBy(
            () ->
                ProofRecordHeaders.readFrom(
                    with(valid, ProofRecordHeaders.BLOCK_NUMBER, "99999999999999999999")))
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () ->
                ProofRecordHeaders.readFrom(
                    with(valid, ProofRecordHeaders.BEACON_BLOCK_ROOT, "0x1234")))
        .hasMessageContaining("zk-beacon-block-root");
    assertThatThrownBy(
            () -> ProofRecordHeaders.readFrom(with(valid, ProofRecordHeaders.PROVER_ID, "a b")))
        .hasMessageContaining("zk-prover-id");
    assertThatThrownBy(() -> new ProofRecordHeaders("sp1", -1, 2, BEACON_ROOT, "p"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RecordHeaders copy(final RecordHeaders headers) {
    return new RecordHeaders(headers.toArray());
  }

  private static RecordHeaders with(
      final RecordHeaders headers, final String name, final String value) {
    final RecordHeaders copy = copy(headers);
    copy.remove(name);
    copy.add(name, value.getBytes(StandardCharsets.UTF_8));
    return copy;
  }
}
