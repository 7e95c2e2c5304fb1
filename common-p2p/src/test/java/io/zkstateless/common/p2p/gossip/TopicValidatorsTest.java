package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipValidator.Result;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TopicValidatorsTest {

  private static final PeerId PEER = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final GossipValidator IGNORE =
      (from, message) -> CompletableFuture.completedFuture(Result.IGNORE);
  private static final GossipValidator REJECT =
      (from, message) -> CompletableFuture.completedFuture(Result.REJECT);

  private final TopicValidators validators = new TopicValidators(IGNORE);

  @Test
  void aTopicsMessagesGoToItsValidatorAndOtherTopicsToTheFallback() throws Exception {
    validators.put("a", GossipValidator.ACCEPT_ALL);
    validators.put("b", REJECT);
    assertThat(verdict("a")).isEqualTo(Result.ACCEPT);
    assertThat(verdict("b")).isEqualTo(Result.REJECT);
    assertThat(verdict("c")).isEqualTo(Result.IGNORE);
  }

  @Test
  void aRemovedOrReplacedValidatorNoLongerJudges() throws Exception {
    validators.put("a", GossipValidator.ACCEPT_ALL);
    validators.put("a", REJECT);
    assertThat(verdict("a")).isEqualTo(Result.REJECT);
    validators.remove("a");
    assertThat(verdict("a")).isEqualTo(Result.IGNORE);
    assertThat(validators.validatorFor("a")).isSameAs(IGNORE);
  }

  private Result verdict(final String topic) throws Exception {
    return validators
        .validate(PEER, GossipMessage.unsigned(topic, new byte[] {1}))
        .toCompletableFuture()
        .get();
  }
}
