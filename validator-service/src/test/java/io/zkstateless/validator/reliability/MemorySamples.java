package io.zkstateless.validator.reliability;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.ObjectName;

/**
 * Memory over time: each sample is the heap in use right after a full GC and the live instances of
 * the classes that hold per-message or per-peer state (read from the JVM's class histogram, which
 * forces that GC, so production code needs no hooks), plus whatever gauges the caller reads. A
 * trend is the mean of the last third of the samples against the mean of the second third: the
 * first third is the warm-up while the bounded caches fill.
 */
final class MemorySamples {

  /** One row: seconds since the start, heap used after GC, then one value per column. */
  record Sample(long seconds, long heapBytes, Map<String, Long> values) {}

  /**
   * The classes whose live instances measure what a gossip flood fills, by column: score records
   * (retained after disconnect), delivery records, message ids (seen cache, message cache, delivery
   * records), message cache entries, proofs waiting for their block, failure buckets, yamux
   * streams and Netty socket channels (both ends, when the attacker shares the JVM).
   */
  static final Map<String, String> FLOOD_CLASSES = floodClasses();

  private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP)
      .map(MemoryPoolMXBean::getName)
      .collect(Collectors.toUnmodifiableSet());

  private final Map<String, String> classes;
  private final Map<String, Supplier<Long>> gauges;
  private final List<Sample> samples = new ArrayList<>();

  /** {@code classes}: column name to class name; {@code gauges}: column name to a reading. */
  MemorySamples(final Map<String, String> classes, final Map<String, Supplier<Long>> gauges) {
    this.classes = classes;
    this.gauges = gauges;
  }

  Sample take(final long seconds) {
    final Map<String, Long> counts = liveInstances();
    final long heap = heapAfterLastFullGc();
    final Map<String, Long> values = new LinkedHashMap<>();
    classes.forEach((column, name) -> values.put(column, counts.getOrDefault(name, 0L)));
    gauges.forEach((column, reading) -> values.put(column, reading.get()));
    final Sample sample = new Sample(seconds, heap, values);
    samples.add(sample);
    return sample;
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Mean heap of the last third minus that of the second third, in bytes (from index {@code from}). */
  long heapTrend(final int from) {
    final List<Sample> measured = samples.subList(from, samples.size());
    final int third = measured.size() / 3;
    return Math.round(meanHeap(measured.subList(measured.size() - third, measured.size()))
        - meanHeap(measured.subList(third, 2 * third)));
  }

  long maxHeap() {
    return samples.stream().mapToLong(Sample::heapBytes).max().orElse(0);
  }

  long max(final String column) {
    return samples.stream().mapToLong(s -> s.values().get(column)).max().orElse(0);
  }

  /** The samples as a Markdown table, heap in MiB. */
  String table() {
    final StringBuilder out = new StringBuilder("| t (s) | heap after GC (MiB) |");
    final List<String> columns = new ArrayList<>(classes.keySet());
    columns.addAll(gauges.keySet());
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n|---|---|").append("---|".repeat(columns.size()));
    for (final Sample s : samples) {
      out.append("\n| ").append(s.seconds()).append(" | ")
          .append(String.format("%.1f", s.heapBytes() / 1048576.0)).append(" |");
      columns.forEach(c -> out.append(' ').append(s.values().get(c)).append(" |"));
    }
    return out.toString();
  }

  private static Map<String, String> floodClasses() {
    final Map<String, String> classes = new LinkedHashMap<>();
    classes.put("scores", "io.zkstateless.common.p2p.gossip.score.PeerStats");
    classes.put("deliveries", "io.zkstateless.common.p2p.gossip.score.DeliveryRecords$Record");
    classes.put("message ids", "io.zkstateless.common.p2p.gossip.MessageId");
    classes.put("mcache", "io.zkstateless.common.p2p.gossip.MessageCache$Cached");
    classes.put("pending", "io.zkstateless.validator.ingest.PendingProofs$Pending");
    classes.put("failure buckets", "io.zkstateless.validator.ingest.FailureRateLimiter$Bucket");
    classes.put("yamux streams", "io.zkstateless.common.p2p.yamux.YamuxStream");
    classes.put("channels", "io.netty.channel.socket.nio.NioSocketChannel");
    return Collections.unmodifiableMap(classes);
  }

  private static double meanHeap(final List<Sample> part) {
    return part.stream().mapToLong(Sample::heapBytes).average().orElse(0);
  }

  /**
   * The heap in use at the end of the last full GC (the histogram's), as that collector reported
   * it: reading the heap afterwards would add what the flood allocated since, tens of MiB.
   */
  private static long heapAfterLastFullGc() {
    for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      final boolean full = bean.getName().contains("Old") || bean.getName().contains("MarkSweep");
      if (full && bean instanceof com.sun.management.GarbageCollectorMXBean gc && gc.getLastGcInfo() != null) {
        return gc.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(e -> HEAP_POOLS.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed())
            .sum();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Live instances per class name, after the full GC the histogram command runs first. */
  private static Map<String, Long> liveInstances() {
    try {
      final String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      final Map<String, Long> counts = new LinkedHashMap<>();
      // "   1:   12345   678900  java.lang.String (java.base@25)"
      for (final String line : histogram.split("\n")) {
        final String[] fields = line.trim().split("\\s+");
        if (fields.length >= 4 && fields[0].endsWith(":")) {
          counts.put(fields[3], Long.parseLong(fields[1]));
        }
      }
      return counts;
    } catch (final Exception e) {
      throw new IllegalStateException("class histogram unavailable", e);
    }
  }
}
