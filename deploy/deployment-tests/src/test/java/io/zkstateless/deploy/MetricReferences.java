package io.zkstateless.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks PromQL expressions against the series the services export; lists every mismatch. */
final class MetricReferences {

  private final ExportedMetrics exported;

  MetricReferences(final ExportedMetrics exported) {
    this.exported = exported;
  }

  /** Problems in one expression: unknown series, and labels the series (or the target) lack. */
  List<String> problems(final String where, final String expression) {
    final List<String> problems = new ArrayList<>();
    final List<PromQl.Selector> selectors = PromQl.selectors(expression);
    if (selectors.isEmpty()) {
      problems.add(where + ": no series in '" + expression + "'");
    }
    final Set<String> available = new HashSet<>(ExportedMetrics.TARGET_LABELS);
    for (final PromQl.Selector selector : selectors) {
      final Set<String> labels = exported.series().get(selector.metric());
      if (labels == null) {
        problems.add(where + ": " + selector.metric() + " is exported by no service");
        continue;
      }
      final Set<String> known = new HashSet<>(labels);
      known.addAll(ExportedMetrics.TARGET_LABELS);
      for (final String label : selector.labels()) {
        if (!known.contains(label)) {
          problems.add(where + ": " + selector.metric() + " has no label " + label);
        }
      }
      available.addAll(known);
    }
    for (final String label : PromQl.groupingLabels(expression)) {
      if (!available.contains(label)) {
        problems.add(where + ": grouping label " + label + " is on none of its series");
      }
    }
    return problems;
  }
}
