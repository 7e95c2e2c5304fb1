package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.witness.WitnessProof;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import io.zkstateless.common.model.witness.WitnessProofDecodeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpWriter;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.model.snappy.SnappyDecodeException;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.validator.verify.witness.WitnessFixtures.WitnessedBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class WitnessProofFormatTest {

  static final List<String> REAL = Fixtures.WITNESSES;

  private static final byte[] EMPTY_LIST = RlpWriter.encodeList(List.of());
  private static final byte[] HEADER = RlpWriter.encodeBytes(new byte[600]);

  @ParameterizedTest
  @FieldSource("REAL")
  void everyRealWitnessFitsAndRoundTrips(final String name) {
    final WitnessProof proof = WitnessFixtures.real(name).proof();
    final long start = System.nanoTime();
    final byte[] encoded = WitnessProofFormat.encode(proof);
    final long encodeMicros = (System.nanoTime() - start) / 1000;
    final long decodeStart = System.nanoTime();
    final WitnessProof decoded = WitnessProofFormat.decode(encoded);
    final long decodeMicros = (System.nanoTime() - decodeStart) / 1000;
    final int rlpSize =
        SnappyBlock.decompress(encoded, WitnessProofFormat.MAX_UNCOMPRESSED_SIZE).length;
    System.out.printf(
        "witness proof %s: rlp %d bytes, snappy %d bytes (%.1f%% of rlp, %.1f%% of 4 MiB),"
            + " encode %d us, decode %d us%n",
        name,
        rlpSize,
        encoded.length,
        100.0 * encoded.length / rlpSize,
        100.0 * encoded.length / ExecutionProofSchema.MAX_PROOF_SIZE,
        encodeMicros,
        decodeMicros);

    assertThat(encoded.length).isLessThanOrEqualTo(ExecutionProofSchema.MAX_PROOF_SIZE);
    assertThat(decoded).isEqualTo(proof);
  }

  @Test
  void eestWitnessWithoutKeysRoundTrips() {
    final WitnessedBlock block = WitnessFixtures.eest("witness_codes_nested_calls").get(0);
    assertThat(WitnessProofFormat.decode(WitnessProofFormat.encode(block.proof())))
        .isEqualTo(block.proof());
  }

  @Test
  void tooManyHeadersAreRefusedBeforeTheNextIsKept() {
    final byte[] headers =
        RlpWriter.encodeList(Collections.nCopies(WitnessProofFormat.MAX_HEADERS + 1, HEADER));
    assertThatThrownBy(() -> decode(HEADER, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, headers))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("headers has more than 256 elements");
  }

  @Test
  void oversizedStateNodeIsRefused() {
    final byte[] state = list(new byte[WitnessProofFormat.MAX_STATE_NODE_SIZE + 1]);
    assertThatThrownBy(() -> decode(HEADER, state, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("state[0] is 1025 bytes, allowed 1 to 1024");
  }

  @Test
  void keyOfAnOddLengthIsRefused() {
    final byte[] keys = list(new byte[20], new byte[21]);
    assertThatThrownBy(() -> decode(HEADER, EMPTY_LIST, EMPTY_LIST, keys, EMPTY_LIST))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("keys[1] is 21 bytes, neither an address (20) nor a slot (32)");
  }

  @Test
  void missingAndExtraFieldsAreRefused() {
    assertThatThrownBy(() -> decode(HEADER, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("missing headers");
    assertThatThrownBy(
            () -> decode(HEADER, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("unexpected field after headers");
  }

  @Test
  void wrongItemKindsAreRefused() {
    assertThatThrownBy(() -> decode(EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("header is a list");
    assertThatThrownBy(() -> decode(HEADER, HEADER, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("state is not a list");
    assertThatThrownBy(
            () ->
                WitnessProofFormat.decode(SnappyBlock.compress(RlpWriter.encodeBytes(new byte[3]))))
        .isInstanceOf(RlpDecodeException.class)
        .hasMessageContaining("expected a list");
  }

  @Test
  void hostileSnappyIsRefusedBeforeAllocating() {
    // Declares 34 MiB of output (varint 0x80 0x80 0x80 0x11) from two bytes.
    final byte[] bomb = {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x11, 0x00};
    assertThatThrownBy(() -> WitnessProofFormat.decode(bomb))
        .isInstanceOf(SnappyDecodeException.class)
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> WitnessProofFormat.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(SnappyDecodeException.class);
    assertThatThrownBy(
            () -> WitnessProofFormat.decode(new byte[ExecutionProofSchema.MAX_PROOF_SIZE + 1]))
        .isInstanceOf(WitnessProofDecodeException.class)
        .hasMessageContaining("exceeds the 4 MiB limit");
  }

  @Test
  void encoderRefusesWhatTheDecoderWould() {
    final ExecutionWitness badKey =
        new ExecutionWitness(
            List.of(), List.of(), List.of(ImmutableBytes.of(new byte[21])), List.of());
    assertThatThrownBy(
            () ->
                WitnessProofFormat.encode(new WitnessProof(ImmutableBytes.of(new byte[1]), badKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key of 21 bytes");
  }

  @Test
  void encoderRefusesAWitnessThatDoesNotCompressUnderTheProofLimit() {
    final Random random = new Random(8025);
    final List<ImmutableBytes> codes = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      final byte[] code = new byte[WitnessProofFormat.MAX_CODE_SIZE];
      random.nextBytes(code);
      codes.add(ImmutableBytes.of(code));
    }
    final ExecutionWitness incompressible =
        new ExecutionWitness(List.of(), codes, List.of(), List.of());
    assertThatThrownBy(
            () ->
                WitnessProofFormat.encode(
                    new WitnessProof(ImmutableBytes.of(new byte[1]), incompressible)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds the proof_data limit of 4194304");
  }

  private static WitnessProof decode(final byte[]... fields) {
    return WitnessProofFormat.decode(SnappyBlock.compress(RlpWriter.encodeList(fields)));
  }

  private static byte[] list(final byte[]... strings) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final byte[] string : strings) {
      encoded.add(RlpWriter.encodeBytes(string));
    }
    return RlpWriter.encodeList(encoded);
  }
}
