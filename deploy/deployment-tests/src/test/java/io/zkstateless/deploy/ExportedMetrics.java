package io.zkstateless.deploy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus series the three services export, found without starting them: their main sources
 * are scanned for Micrometer builders (type, name, base unit, tag keys), each meter is registered
 * again in a real {@link PrometheusMeterRegistry}, and the scrape says what Prometheus sees.
 * Micrometer's own naming convention thus decides {@code prover.failures} → {@code
 * prover_failures_total}, timers' {@code _seconds_count}, and so on. The JVM and process meters
 * Spring Boot binds come from the same binders.
 */
final class ExportedMetrics {

  static final List<String> SERVICE_MODULES =
      List.of("prover-service", "broadcaster-service", "validator-service");

  /** Labels every series has once scraped: Spring's common tag and Prometheus' target labels. */
  static final Set<String> TARGET_LABELS =
      Set.of(
          "application", "job", "instance", "namespace", "pod", "service", "container", "endpoint");

  private final Map<String, Set<String>> labelsBySeries;
  private final List<DeclaredMeter> declared;

  private ExportedMetrics(
      final Map<String, Set<String>> labelsBySeries, final List<DeclaredMeter> declared) {
    this.labelsBySeries = labelsBySeries;
    this.declared = declared;
  }

  static ExportedMetrics scan() {
    final List<DeclaredMeter> declared = DeclaredMeter.inModules(SERVICE_MODULES);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    declared.forEach(meter -> register(registry, meter));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new ExportedMetrics(parseScrape(registry.scrape()), List.copyOf(declared));
  }

  /** Series names (with _total, _count, _bucket, ... suffixes) to their label names. */
  Map<String, Set<String>> series() {
    return labelsBySeries;
  }

  List<DeclaredMeter> declared() {
    return declared;
  }

  private static void register(final PrometheusMeterRegistry registry, final DeclaredMeter meter) {
    final Tags tags = Tags.of(meter.tagKeys().stream().map(k -> Tag.of(k, "x")).toList());
    switch (meter.type()) {
      case "Counter" ->
          Counter.builder(meter.name())
              .baseUnit(meter.baseUnit())
              .tags(tags)
              .register(registry)
              .increment();
      case "Gauge" ->
          Gauge.builder(meter.name(), () -> 1)
              .baseUnit(meter.baseUnit())
              .tags(tags)
              .register(registry);
      case "Timer" -> {
        final Timer.Builder timer = Timer.builder(meter.name()).tags(tags);
        (meter.histogram() ? timer.publishPercentileHistogram() : timer)
            .register(registry)
            .record(Duration.ofMillis(1));
      }
      case "DistributionSummary" -> {
        final DistributionSummary.Builder summary =
            DistributionSummary.builder(meter.name()).baseUnit(meter.baseUnit()).tags(tags);
        (meter.histogram() ? summary.publishPercentileHistogram() : summary)
            .register(registry)
            .record(1);
      }
      default -> throw new IllegalStateException(meter.type());
    }
  }

  private static Map<String, Set<String>> parseScrape(final String scrape) {
    final Map<String, Set<String>> series = new HashMap<>();
    for (final String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      final int brace = line.indexOf('{');
      final int space = line.indexOf(' ');
      final String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      final Set<String> labels = series.computeIfAbsent(name, n -> new HashSet<>());
      if (brace >= 0 && brace < space) {
        final Matcher label =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"")
                .matcher(line.substring(brace, line.indexOf('}')));
        while (label.find()) {
          labels.add(label.group(1));
        }
      }
    }
    return series;
  }

  private static String read(final Path file) {
    try {
      return Files.readString(file);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
