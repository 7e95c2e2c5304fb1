package io.zkstateless.validator.dashboard;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} head samples, oldest first. In memory only: the chart shows the recent
 * trend, and a restart starting it afresh costs nothing worth a table.
 */
public final class HeadHistory {

  /** The optimistic and proven head slots at one moment (epoch milliseconds). */
  public record HeadSample(long epochMillis, long optimisticSlot, long provenSlot) {}

  private final int capacity;
  private final ArrayDeque<HeadSample> samples;

  public HeadHistory(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(capacity);
  }

  public synchronized void add(final HeadSample sample) {
    if (samples.size() == capacity) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  public synchronized List<HeadSample> samples() {
    return List.copyOf(samples);
  }
}
