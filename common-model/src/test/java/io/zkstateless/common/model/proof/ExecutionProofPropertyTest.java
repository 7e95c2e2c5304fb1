package io.zkstateless.common.model.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszMutations;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** SSZ round-trip, mutation and root stability of random valid proofs (Teku's property test). */
class ExecutionProofPropertyTest {

  private static final ExecutionProofSchema SCHEMA = ExecutionProofSchema.DEFAULT;

  @Property(tries = 500)
  void roundTrips(@ForAll("proofs") final ExecutionProof proof) {
    final byte[] encoded = SCHEMA.encode(proof);
    assertThat(encoded).hasSize(ExecutionProofSchema.FIXED_PART_SIZE + proof.proofData().size());
    final ExecutionProof decoded = SCHEMA.decode(encoded);
    assertThat(decoded).isEqualTo(proof);
    assertThat(SCHEMA.hashTreeRoot(decoded)).isEqualTo(SCHEMA.hashTreeRoot(proof));
  }

  @Property(tries = 500)
  void anySingleByteChangeIsRejectedOrCanonical(
      @ForAll("proofs") final ExecutionProof proof,
      @ForAll final int position,
      @ForAll final byte replacement) {
    final byte[] encoded = SCHEMA.encode(proof);
    final int index = Math.floorMod(position, encoded.length);
    final byte[] mutated = encoded.clone();
    mutated[index] = replacement;
    final ExecutionProof decoded = SszMutations.checkDecodeContract(SCHEMA, mutated);
    if (decoded != null && mutated[index] != encoded[index]) {
      assertThat(decoded).isNotEqualTo(proof);
      assertThat(SCHEMA.hashTreeRoot(decoded)).isNotEqualTo(SCHEMA.hashTreeRoot(proof));
    }
  }

  @Property(tries = 300)
  void truncationAndTrailingBytesAreHandled(
      @ForAll("proofs") final ExecutionProof proof,
      @ForAll final int cut,
      @ForAll final byte extra) {
    final byte[] encoded = SCHEMA.encode(proof);
    final byte[] shorter = Arrays.copyOf(encoded, Math.floorMod(cut, encoded.length));
    final ExecutionProof fromShorter = SszMutations.checkDecodeContract(SCHEMA, shorter);
    // Truncating the fixed part must fail; cutting into proof_data yields a shorter valid proof.
    assertThat(fromShorter == null)
        .isEqualTo(shorter.length < ExecutionProofSchema.FIXED_PART_SIZE);
    final byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    longer[encoded.length] = extra;
    final ExecutionProof fromLonger = SszMutations.checkDecodeContract(SCHEMA, longer);
    assertThat(fromLonger).isNotNull();
    assertThat(fromLonger.proofData().size()).isEqualTo(proof.proofData().size() + 1);
  }

  @Property(tries = 200)
  void rootCommitsToEveryField(@ForAll("proofs") final ExecutionProof proof) {
    final Bytes32 root = SCHEMA.hashTreeRoot(proof);
    assertThat(
            SCHEMA.hashTreeRoot(
                new ExecutionProof(
                    proof.blockHash(),
                    proof.subnetId(),
                    proof.version(),
                    proof.proofData(),
                    proof.timestamp() + 1)))
        .isNotEqualTo(root);
    assertThat(
            SCHEMA.hashTreeRoot(
                new ExecutionProof(
                    proof.blockHash(),
                    proof.subnetId(),
                    proof.version() ^ 1,
                    proof.proofData(),
                    proof.timestamp())))
        .isNotEqualTo(root);
    final byte[] longerData =
        Arrays.copyOf(proof.proofData().toArray(), proof.proofData().size() + 1);
    assertThat(
            SCHEMA.hashTreeRoot(
                new ExecutionProof(
                    proof.blockHash(),
                    proof.subnetId(),
                    proof.version(),
                    ImmutableBytes.of(longerData),
                    proof.timestamp())))
        .isNotEqualTo(root);
  }

  @Provide
  Arbitrary<ExecutionProof> proofs() {
    return Combinators.combine(
            Arbitraries.bytes().array(byte[].class).ofSize(32).map(Bytes32::wrap),
            Arbitraries.integers().between(0, 7).map(ExecutionProofSubnetId::new),
            Arbitraries.longs().between(0, 0xffffffffL),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(ImmutableBytes::of),
            Arbitraries.longs())
        .as(ExecutionProof::new);
  }
}
