package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zkstateless.common.p2p.gossip.score.PeerScoreParams;
import io.zkstateless.common.p2p.gossip.score.TopicScoreParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The derived eth2 parameters against the published values of Teku and Lighthouse. */
class Eth2ScoreParamsTest {

  @Test
  void peerWideValuesMatchTekus() {
    final PeerScoreParams params = Eth2ScoreParams.forTopics(List.of("a"), 1);
    // Teku GossipScoringConfigurator: behaviourPenaltyDecay 0.9857, weight -15.879.
    assertThat(params.behaviourPenaltyDecay()).isCloseTo(0.9857, within(1e-4));
    assertThat(params.behaviourPenaltyWeight()).isCloseTo(-15.879, within(0.01));
    assertThat(params.behaviourPenaltyThreshold()).isEqualTo(6);
    assertThat(params.decayInterval()).isEqualTo(Eth2ScoreParams.SLOT);
    assertThat(params.retainScore()).isEqualTo(Eth2ScoreParams.EPOCH.multipliedBy(100));
  }

  @Test
  void oneInvalidMessageCostsWhatTheTopicsCanEarnAndP3IsOff() {
    final PeerScoreParams params = Eth2ScoreParams.forTopics(List.of("a", "b"), 1);
    final TopicScoreParams topic = params.topic("a").orElseThrow();
    final double maxPositive = 0.5 * (10 + 40); // one subnet topic's worth
    assertThat(topic.topicWeight() * topic.invalidMessageDeliveriesWeight())
        .isCloseTo(-maxPositive, within(1e-9));
    assertThat(params.topicScoreCap()).isCloseTo(maxPositive / 2, within(1e-9));
    assertThat(topic.meshMessageDeliveriesWeight()).isZero();
    assertThat(topic.meshFailurePenaltyWeight()).isZero();
    // P1 reaches 10 after an hour in the mesh; P2 reaches 40 at its cap.
    assertThat(topic.timeInMeshWeight() * topic.timeInMeshCap()).isCloseTo(10, within(1e-9));
    assertThat(topic.firstMessageDeliveriesWeight() * topic.firstMessageDeliveriesCap())
        .isCloseTo(40, within(1e-9));
  }
}
