package io.zkstateless.common.p2p.interop;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One pair's numbers in one round of {@link GossipBenchmark}. */
record PairResult(
    String pair,
    double msgsPerSec,
    double mibPerSec,
    double cpuMsPerMessage,
    double p50Ms,
    double p99Ms) {

  static final String HEADER =
      String.format(
          "%-10s %12s %8s %10s %12s %10s",
          "pair", "300KiB msg/s", "MiB/s", "CPU ms/msg", "1KiB p50 ms", "p99 ms");

  String row() {
    return String.format(
        "%-10s %12.1f %8.1f %10.2f %12.3f %10.3f",
        pair, msgsPerSec, mibPerSec, cpuMsPerMessage, p50Ms, p99Ms);
  }

  /** Per pair: the median over rounds, with the smallest and largest in brackets. */
  static String summary(final List<PairResult> results, final List<String> pairs) {
    final StringBuilder out = new StringBuilder("median [min – max] over rounds\n" + HEADER);
    for (final String pair : pairs) {
      final List<PairResult> rows =
          results.stream().filter(r -> r.pair().equals(pair.strip().replace("-", "→"))).toList();
      out.append(String.format("%n%-10s", pair.strip().replace("-", "→")))
          .append(spread(rows, PairResult::msgsPerSec, "%.1f"))
          .append(spread(rows, PairResult::mibPerSec, "%.1f"))
          .append(spread(rows, PairResult::cpuMsPerMessage, "%.2f"))
          .append(spread(rows, PairResult::p50Ms, "%.3f"))
          .append(spread(rows, PairResult::p99Ms, "%.3f"));
    }
    return out.toString();
  }

  private static String spread(
      final List<PairResult> rows, final ToDoubleFunction<PairResult> metric, final String format) {
    final double[] values = rows.stream().mapToDouble(metric).sorted().toArray();
    if (values.length == 0) {
      return "";
    }
    return String.format(
        "  " + format + " [" + format + "–" + format + "]",
        values[values.length / 2],
        Arrays.stream(values).min().orElseThrow(),
        Arrays.stream(values).max().orElseThrow());
  }
}
