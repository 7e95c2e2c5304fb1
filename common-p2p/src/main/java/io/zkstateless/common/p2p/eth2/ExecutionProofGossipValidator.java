package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The eth2 part of validating an execution-proof gossip message: the topic must be {@code
 * /eth2/<our fork digest>/execution_proof_<n>/ssz_snappy} with {@code n} below the subnet count
 * (anything else is an unknown topic and REJECT), and the data must snappy-decompress within the
 * type's bound and SSZ-decode (else REJECT). The decoded proof then goes to the application.
 */
public final class ExecutionProofGossipValidator implements GossipValidator {

  private static final CompletableFuture<Result> REJECT =
      CompletableFuture.completedFuture(Result.REJECT);

  private final Predicate<String> acceptsForkDigest;
  private final ExecutionProofGossipCodec codec;
  private final ProofGossipHandler handler;

  public ExecutionProofGossipValidator(
      final String forkDigestHex,
      final ExecutionProofGossipCodec codec,
      final ProofGossipHandler handler) {
    this(new GossipTopic(forkDigestHex, "execution_proof_0").forkDigestHex()::equals, codec, handler);
  }

  /**
   * Accepts the topics of every fork digest {@code acceptsForkDigest} holds at the moment of the
   * message (8 lower-case hex digits): across a fork transition a node is subscribed to the topics
   * of two digests, and the set changes while it runs.
   */
  public ExecutionProofGossipValidator(
      final Predicate<String> acceptsForkDigest,
      final ExecutionProofGossipCodec codec,
      final ProofGossipHandler handler) {
    this.acceptsForkDigest = acceptsForkDigest;
    this.codec = codec;
    this.handler = handler;
  }

  @Override
  public CompletionStage<Result> validate(final PeerId from, final GossipMessage message) {
    final Optional<Integer> subnet = topicSubnet(message.topic());
    if (subnet.isEmpty()) {
      handler.onInvalid(from, message.topic(), "unknown topic");
      return REJECT;
    }
    final ExecutionProof proof;
    try {
      proof = codec.decode(message.data());
    } catch (final DecodeException e) {
      handler.onInvalid(from, message.topic(), e.getMessage());
      return REJECT;
    }
    return handler.validate(from, subnet.get(), proof);
  }

  /** The subnet of one of our execution-proof topics; empty for any other topic. */
  Optional<Integer> topicSubnet(final String topic) {
    return GossipTopic.parse(topic)
        .filter(t -> acceptsForkDigest.test(t.forkDigestHex()))
        .flatMap(GossipTopic::executionProofSubnet)
        .filter(n -> n < codec.schema().subnets().maxSubnets());
  }
}
