package io.zkstateless.validator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.validator.dashboard.HeadHistory.HeadSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadHistoryTest {

  @Test
  void keepsTheLatestSamplesOldestFirstAndDropsTheOldestBeyondItsCapacity() {
    final HeadHistory history = new HeadHistory(3);
    for (int i = 1; i <= 5; i++) {
      history.add(new HeadSample(i * 1000L, i, i - 1));
    }
    assertThat(history.samples()).extracting(HeadSample::optimisticSlot).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aSnapshotDoesNotChangeWithLaterSamples() {
    final HeadHistory history = new HeadHistory(2);
    history.add(new HeadSample(1, 1, 1));
    final List<HeadSample> snapshot = history.samples();
    history.add(new HeadSample(2, 2, 2));
    assertThat(snapshot).hasSize(1);
  }

  @Test
  void rejectsAnEmptyCapacity() {
    assertThatThrownBy(() -> new HeadHistory(0)).hasMessageContaining("at least 1");
  }
}
