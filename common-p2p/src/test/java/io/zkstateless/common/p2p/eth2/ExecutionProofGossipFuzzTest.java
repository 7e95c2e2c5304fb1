package io.zkstateless.common.p2p.eth2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * An execution-proof gossip message as the router sees it: the eth2 message id, then {@link
 * ExecutionProofGossipValidator} (topic, snappy block within the type's bound, SSZ). Nothing
 * escapes either; bad topics and data end as REJECT; a proof that reaches the application encodes
 * back to data that decodes to it. Snappy output is bounded by 64/3 of its input, so allocation
 * stays proportional to the message. Input: byte 0 is the topic's length, then the topic (UTF-8),
 * then the message data.
 */
class ExecutionProofGossipFuzzTest {

  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);
  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final long BUDGET = 256 * 1024;

  @FuzzTest(maxDuration = "5s")
  void validate(final byte[] input) {
    if (input.length < 1) {
      return;
    }
    final int topicLength = Math.min(input[0] & 0xff, input.length - 1);
    final String topic = new String(input, 1, topicLength, StandardCharsets.UTF_8);
    final byte[] data = Arrays.copyOfRange(input, 1 + topicLength, input.length);
    final GossipMessage message = GossipMessage.unsigned(topic, data);
    final long budget = BUDGET + 64L * data.length;
    WireFuzzing.total(budget, () -> Eth2MessageId.of(message));
    final ExecutionProofGossipValidator validator =
        new ExecutionProofGossipValidator(
            "bfe0d3f4",
            CODEC,
            (from, subnet, proof) -> {
              final ExecutionProof again = CODEC.decode(CODEC.encode(proof));
              if (!again.equals(proof)) {
                throw new AssertionError("accepted proof does not survive encode and decode");
              }
              return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
            });
    final GossipValidator.Result result =
        WireFuzzing.total(budget, () -> validator.validate(PEER, message).toCompletableFuture())
            .join();
    if (result == null) {
      throw new AssertionError("no verdict");
    }
  }
}
