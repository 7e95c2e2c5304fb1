package io.zkstateless.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Micrometer meter as a service's source declares it: {@code Counter|Timer|Gauge|
 * DistributionSummary.builder("name")} with the base unit, tag keys and histogram flag of its
 * builder chain (up to {@code .register(}).
 */
record DeclaredMeter(
    String type,
    String name,
    String baseUnit,
    Set<String> tagKeys,
    boolean histogram,
    Path source) {

  private static final Pattern BUILDER =
      Pattern.compile(
          "\\b(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*(?:\"([^\"]+)\"|(\\w+))");
  private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"");
  private static final Pattern TAG = Pattern.compile("\\.tag\\(\\s*\"([^\"]+)\"");
  private static final Pattern TAGS = Pattern.compile("\\.tags\\(([^)]*)\\)");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern METRIC_LITERAL =
      Pattern.compile("\"((?:prover|broadcaster|validator)_[a-z0-9_]+)\"");

  /** Every meter in the main sources of the given modules. */
  static List<DeclaredMeter> inModules(final List<String> modules) {
    final List<DeclaredMeter> declared = new ArrayList<>();
    for (final String module : modules) {
      try (Stream<Path> files =
          Files.walk(DeployPaths.repo().resolve(module).resolve("src/main/java"))) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .forEach(f -> declared.addAll(declaredIn(f)));
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return declared;
  }

  static List<DeclaredMeter> declaredIn(final Path file) {
    final String source = read(file);
    final List<DeclaredMeter> meters = new ArrayList<>();
    final Matcher builder = BUILDER.matcher(source);
    while (builder.find()) {
      final int end = source.indexOf(".register(", builder.end());
      final String chain = source.substring(builder.start(), end < 0 ? source.length() : end);
      final String unit = first(BASE_UNIT, chain);
      final Set<String> tags = tagKeys(chain);
      final boolean histogram = chain.contains(".publishPercentileHistogram()");
      if (builder.group(2) != null) {
        meters.add(
            new DeclaredMeter(builder.group(1), builder.group(2), unit, tags, histogram, file));
      } else {
        // The name is a parameter (a helper registering several gauges): take the metric-like
        // literals the file passes around.
        final Matcher literal = METRIC_LITERAL.matcher(source);
        while (literal.find()) {
          meters.add(
              new DeclaredMeter(builder.group(1), literal.group(1), unit, tags, histogram, file));
        }
      }
    }
    return meters;
  }

  private static Set<String> tagKeys(final String chain) {
    final Set<String> keys = new HashSet<>();
    final Matcher tag = TAG.matcher(chain);
    while (tag.find()) {
      keys.add(tag.group(1));
    }
    final Matcher tags = TAGS.matcher(chain);
    while (tags.find()) {
      // tags("k1", v1, "k2", v2): the keys are the even arguments.
      final String[] arguments = tags.group(1).split(",");
      for (int i = 0; i < arguments.length; i += 2) {
        final Matcher quoted = QUOTED.matcher(arguments[i]);
        if (quoted.find()) {
          keys.add(quoted.group(1));
        }
      }
    }
    return keys;
  }

  private static String first(final Pattern pattern, final String text) {
    final Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String read(final Path file) {
    try {
      return Files.readString(file);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
