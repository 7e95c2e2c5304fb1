package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import java.util.concurrent.CompletionStage;

/**
 * The application's check of a decoded execution proof received on {@code execution_proof_<topic
 * subnet>} from {@code from}. Its verdict is the gossipsub validation result; it may complete
 * later, on any thread.
 */
@FunctionalInterface
public interface ProofGossipHandler {

  CompletionStage<GossipValidator.Result> validate(
      PeerId from, int topicSubnet, ExecutionProof proof);

  /**
   * Told of a message REJECTed before it reached {@link #validate} (unknown topic, bad snappy or
   * SSZ), so the application can count it against the sender. {@code problem} says what was wrong.
   */
  default void onInvalid(final PeerId from, final String topic, final String problem) {}
}
