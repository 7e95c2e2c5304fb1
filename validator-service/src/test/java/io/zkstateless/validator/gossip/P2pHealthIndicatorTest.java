package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class P2pHealthIndicatorTest {

  @Test
  void withoutStatelessValidationThereIsNoNodeAndThatIsNotAReasonToBeUnready() {
    final Health health = new P2pHealthIndicator(Optional.empty()).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails().get("p2p").toString()).startsWith("disabled");
  }
}
