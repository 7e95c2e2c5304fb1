package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipValidator.Result;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.Test;

class ExecutionProofGossipValidatorTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);

  private record Seen(PeerId from, int subnet, ExecutionProof proof) {}

  private final List<Seen> handled = new ArrayList<>();
  private final List<String> invalid = new ArrayList<>();
  private final ExecutionProofGossipValidator validator =
      new ExecutionProofGossipValidator(
          "bfe0d3f4",
          CODEC,
          new ProofGossipHandler() {
            @Override
            public CompletableFuture<Result> validate(
                final PeerId from, final int subnet, final ExecutionProof proof) {
              handled.add(new Seen(from, subnet, proof));
              return CompletableFuture.completedFuture(Result.ACCEPT);
            }

            @Override
            public void onInvalid(final PeerId from, final String topic, final String problem) {
              invalid.add(problem);
            }
          });

  static ExecutionProof proof(final int subnet) {
    return new ExecutionProof(
        Bytes32.fromHex("0x" + "ab".repeat(32)),
        ExecutionProofSubnetId.of(subnet),
        1,
        ImmutableBytes.of(new byte[] {1, 2, 3}),
        1_700_000_000L);
  }

  @Test
  void decodesAProofAndHandsItWithTheTopicSubnetToTheApplication() {
    final ExecutionProof proof = proof(3);
    assertThat(verdict("/eth2/bfe0d3f4/execution_proof_3/ssz_snappy", CODEC.encode(proof)))
        .isEqualTo(Result.ACCEPT);
    assertThat(handled).containsExactly(new Seen(PEER, 3, proof));
  }

  @Test
  void passesASubnetMismatchOnToTheApplication() {
    // The topic says 5, the proof says 3: the application decides (the pipeline REJECTs it).
    verdict("/eth2/bfe0d3f4/execution_proof_5/ssz_snappy", CODEC.encode(proof(3)));
    assertThat(handled).extracting(Seen::subnet).containsExactly(5);
  }

  @Test
  void rejectsUnknownTopicsWithoutDecoding() {
    final byte[] data = CODEC.encode(proof(0));
    assertThat(verdict("/eth2/bfe0d3f4/beacon_block/ssz_snappy", data)).isEqualTo(Result.REJECT);
    assertThat(verdict("/eth2/00000000/execution_proof_0/ssz_snappy", data))
        .isEqualTo(Result.REJECT);
    assertThat(verdict("/eth2/bfe0d3f4/execution_proof_8/ssz_snappy", data))
        .isEqualTo(Result.REJECT);
    assertThat(verdict("/eth2/bfe0d3f4/execution_proof_01/ssz_snappy", data))
        .isEqualTo(Result.REJECT);
    assertThat(verdict("execution_proof_0", data)).isEqualTo(Result.REJECT);
    assertThat(handled).isEmpty();
    assertThat(invalid).hasSize(5).containsOnly("unknown topic");
  }

  @Test
  void rejectsDataThatIsNotSnappyOrNotAProof() {
    final String topic = "/eth2/bfe0d3f4/execution_proof_0/ssz_snappy";
    assertThat(verdict(topic, new byte[] {-1, -1, -1, -1, -1})).isEqualTo(Result.REJECT);
    assertThat(verdict(topic, SnappyBlock.compress(new byte[] {1, 2, 3}))).isEqualTo(Result.REJECT);
    assertThat(verdict(topic, new byte[0])).isEqualTo(Result.REJECT);
    assertThat(handled).isEmpty();
    assertThat(invalid).hasSize(3).noneMatch(String::isBlank);
  }

  @Test
  void rejectsABlockDeclaringMoreThanTheProofBoundBeforeAllocating() {
    // A varint declaring MAX_UNCOMPRESSED + 1 bytes, followed by nothing.
    final long declared = ExecutionProofGossipCodec.MAX_UNCOMPRESSED + 1L;
    final byte[] header = {
      (byte) (0x80 | (declared & 0x7f)),
      (byte) (0x80 | ((declared >> 7) & 0x7f)),
      (byte) (0x80 | ((declared >> 14) & 0x7f)),
      (byte) ((declared >> 21) & 0x7f)
    };
    assertThat(declared >> 28).isZero();
    assertThat(verdict("/eth2/bfe0d3f4/execution_proof_0/ssz_snappy", header))
        .isEqualTo(Result.REJECT);
  }

  private Result verdict(final String topic, final byte[] data) {
    return validator
        .validate(PEER, GossipMessage.unsigned(topic, data))
        .toCompletableFuture()
        .join();
  }

  /** Across a fork the accepted digests change while the node runs. */
  @Test
  void acceptsTheTopicsOfWhicheverDigestsThePredicateHoldsNow() {
    final Set<String> digests = new CopyOnWriteArraySet<>();
    digests.add("bfe0d3f4");
    final ExecutionProofGossipValidator forkAware =
        new ExecutionProofGossipValidator(digests::contains, CODEC, null);
    assertThat(forkAware.topicSubnet("/eth2/bfe0d3f4/execution_proof_3/ssz_snappy")).contains(3);
    assertThat(forkAware.topicSubnet("/eth2/0a1b2c3d/execution_proof_3/ssz_snappy")).isEmpty();

    digests.add("0a1b2c3d");
    assertThat(forkAware.topicSubnet("/eth2/0a1b2c3d/execution_proof_3/ssz_snappy")).contains(3);
    digests.remove("bfe0d3f4");
    assertThat(forkAware.topicSubnet("/eth2/bfe0d3f4/execution_proof_3/ssz_snappy")).isEmpty();
  }
}
