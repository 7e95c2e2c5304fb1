package io.zkstateless.common.p2p.metrics;

import java.util.Collection;
import java.util.List;

/**
 * The minimum, median or maximum of the connected peers' gossip scores: one series per peer would
 * be unbounded, three are enough to see a network turning hostile.
 */
public enum PeerScoreSummary {
  MIN("min"),
  MEDIAN("median"),
  MAX("max");

  private final String tag;

  PeerScoreSummary(final String tag) {
    this.tag = tag;
  }

  /** The {@code stat} tag value. */
  public String tag() {
    return tag;
  }

  /** This statistic of {@code scores} (the upper median for an even count); NaN for none. */
  public double of(final Collection<Double> scores) {
    if (scores.isEmpty()) {
      return Double.NaN;
    }
    final List<Double> sorted = scores.stream().sorted().toList();
    return switch (this) {
      case MIN -> sorted.getFirst();
      case MEDIAN -> sorted.get(sorted.size() / 2);
      case MAX -> sorted.getLast();
    };
  }
}
