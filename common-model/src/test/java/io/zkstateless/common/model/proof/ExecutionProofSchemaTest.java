package io.zkstateless.common.model.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszDecodeException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExecutionProofSchemaTest {

  private static final ExecutionProofSchema SCHEMA = ExecutionProofSchema.DEFAULT;
  private static final Bytes32 BLOCK_HASH =
      Bytes32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  private static ExecutionProof smallProof() {
    return SCHEMA.create(BLOCK_HASH, 3, 1, ImmutableBytes.fromHex("0xdeadbeef"), 1_760_000_000L);
  }

  @Test
  void encodesTheSpecLayoutByteForByte() {
    // A.2: block_hash | subnet_id u64 LE | version u32 LE | offset u32 LE (=56) | timestamp u64 LE
    // | proof_data. 1_760_000_000 = 0x68e77800.
    final String expected =
        "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
            + "0300000000000000"
            + "01000000"
            + "38000000"
            + "0078e76800000000"
            + "deadbeef";
    final byte[] encoded = SCHEMA.encode(smallProof());
    assertThat(Hex.encode(encoded)).isEqualTo(expected);
    assertThat(encoded).hasSize(ExecutionProofSchema.FIXED_PART_SIZE + 4);
    assertThat(SCHEMA.decode(encoded)).isEqualTo(smallProof());
  }

  @Test
  void hashTreeRootMatchesAnIndependentComputation() throws Exception {
    // Field leaves, proof_data as ByteList[4 MiB]: 131072 chunks, depth 17, then mix in length.
    byte[] proofDataRoot = chunk(Hex.decode("0xdeadbeef"));
    byte[] zero = new byte[32];
    for (int depth = 0; depth < 17; depth++) {
      proofDataRoot = sha256(proofDataRoot, zero);
      zero = sha256(zero, zero);
    }
    proofDataRoot = sha256(proofDataRoot, chunk(new byte[] {4}));
    final byte[][] leaves = {
      BLOCK_HASH.toArray(),
      chunk(new byte[] {3}),
      chunk(new byte[] {1}),
      proofDataRoot,
      chunk(Hex.decode("0x0078e768")),
      new byte[32],
      new byte[32],
      new byte[32]
    };
    final byte[] root =
        sha256(
            sha256(sha256(leaves[0], leaves[1]), sha256(leaves[2], leaves[3])),
            sha256(sha256(leaves[4], leaves[5]), sha256(leaves[6], leaves[7])));
    assertThat(SCHEMA.hashTreeRoot(smallProof())).isEqualTo(Bytes32.wrap(root));
  }

  @Test
  void acceptsExactlyFourMebibytesAndRejectsOneMore() {
    final byte[] maxData = new byte[ExecutionProofSchema.MAX_PROOF_SIZE];
    maxData[maxData.length - 1] = 7;
    final ExecutionProof max = SCHEMA.create(BLOCK_HASH, 0, 1, ImmutableBytes.of(maxData), 1L);
    final byte[] encoded = SCHEMA.encode(max);
    assertThat(encoded).hasSize(56 + 4_194_304);
    assertThat(SCHEMA.maxSize()).isEqualTo(encoded.length);
    assertThat(SCHEMA.decode(encoded)).isEqualTo(max);

    final ImmutableBytes tooLarge =
        ImmutableBytes.of(new byte[ExecutionProofSchema.MAX_PROOF_SIZE + 1]);
    assertThatThrownBy(() -> SCHEMA.create(BLOCK_HASH, 0, 1, tooLarge, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proof_data length 4194305 exceeds limit 4194304");

    final byte[] oversized = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> SCHEMA.decode(oversized))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("ExecutionProof.proof_data: length 4194305 exceeds limit 4194304")
        .satisfies(e -> assertThat(((SszDecodeException) e).offset()).isEqualTo(56));
  }

  @Test
  void rejectsAnOffsetOtherThanFiftySix() {
    final byte[] encoded = SCHEMA.encode(smallProof());
    encoded[44] = 57;
    assertThatThrownBy(() -> SCHEMA.decode(encoded))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("must equal the fixed part size 56")
        .satisfies(e -> assertThat(((SszDecodeException) e).offset()).isEqualTo(44));
  }

  @Test
  void rejectsInputShorterThanTheFixedPart() {
    assertThatThrownBy(() -> SCHEMA.decode(new byte[55]))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("shorter than the fixed part of 56");
  }

  @Test
  void rejectsSubnetOutOfRangeOnDecodeWithItsPath() {
    final byte[] encoded = SCHEMA.encode(smallProof());
    encoded[32] = 8;
    assertThatThrownBy(() -> SCHEMA.decode(encoded))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("ExecutionProof.subnet_id: subnet_id 8 is out of range 0..7")
        .satisfies(e -> assertThat(((SszDecodeException) e).offset()).isEqualTo(32));
    encoded[32] = 0;
    encoded[39] = (byte) 0x80; // 2^63: must not wrap to a negative int
    assertThatThrownBy(() -> SCHEMA.decode(encoded)).isInstanceOf(SszDecodeException.class);
  }

  @Test
  void aWiderSubnetConfigAcceptsMoreSubnetsButTheDefaultSchemaWillNotEncodeThem() {
    final ExecutionProofSchema wide = new ExecutionProofSchema(new ExecutionProofSubnetConfig(16));
    final ExecutionProof onSubnet12 =
        wide.create(BLOCK_HASH, 12, 1, ImmutableBytes.fromHex("0x01"), 5L);
    assertThat(wide.decode(wide.encode(onSubnet12))).isEqualTo(onSubnet12);
    assertThatThrownBy(() -> SCHEMA.encode(onSubnet12))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SCHEMA.decode(wide.encode(onSubnet12)))
        .isInstanceOf(SszDecodeException.class);
  }

  @Test
  void validatesVersionAndRequiredFields() {
    assertThatThrownBy(() -> SCHEMA.create(BLOCK_HASH, 0, 1L << 32, ImmutableBytes.EMPTY, 0))
        .hasMessageContaining("uint32");
    assertThatThrownBy(() -> SCHEMA.create(null, 0, 1, ImmutableBytes.EMPTY, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SCHEMA.create(BLOCK_HASH, 8, 1, ImmutableBytes.EMPTY, 0))
        .hasMessageContaining("out of range 0..7");
    assertThatThrownBy(() -> new ExecutionProofSubnetConfig(0))
        .hasMessageContaining("zk.max-execution-proof-subnets");
  }

  private static byte[] chunk(final byte[] bytes) {
    return Arrays.copyOf(bytes, 32);
  }

  private static byte[] sha256(final byte[] left, final byte[] right) throws Exception {
    final MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }
}
