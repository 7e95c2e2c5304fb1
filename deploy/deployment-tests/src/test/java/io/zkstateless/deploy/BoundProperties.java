package io.zkstateless.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration a service binds, read from its sources: every {@code @ConfigurationProperties}
 * record, its components and nested records, as canonical paths (lower case, no dashes), e.g.
 * {@code broadcaster.p2p.listenport}. A {@code Map} of records accepts any key, then the record's
 * components ({@code prover.workers.pools.*.ere.endpoints}); another {@code Map} component accepts
 * anything below it. With the
 * {@code ${VAR}} placeholders of its application.yaml this tells whether a setting the chart makes
 * reaches the service, the way Spring's relaxed binding would match it.
 */
final class BoundProperties {

  private static final Pattern PREFIX =
      Pattern.compile("@ConfigurationProperties\\(\"([^\"]+)\"\\)");
  private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*\\(");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
  private static final Pattern MAP_VALUE =
      Pattern.compile("Map<\\s*[\\w.]+\\s*,\\s*(?:@\\w+\\s+)*(\\w+)\\s*>");

  /** The segment of a path that stands for any key of a map of records. */
  private static final String ANY_KEY = "*";

  private final Set<String> paths = new HashSet<>();
  private final Set<String> openPrefixes = new HashSet<>();
  private final Set<String> placeholders = new HashSet<>();

  private BoundProperties() {}

  private static final Map<String, BoundProperties> BY_MODULE = new ConcurrentHashMap<>();

  static BoundProperties of(final String module) {
    return BY_MODULE.computeIfAbsent(module, BoundProperties::scan);
  }

  private static BoundProperties scan(final String module) {
    final BoundProperties bound = new BoundProperties();
    final Path root = DeployPaths.repo().resolve(module);
    final List<String> sources =
        javaFiles(root.resolve("src/main/java")).stream().map(BoundProperties::read).toList();
    for (final String source : sources) {
      final Matcher prefix = PREFIX.matcher(source);
      if (prefix.find()) {
        bound.addRecord(canonical(prefix.group(1)), recordName(source), sources, 0);
      }
    }
    final Matcher placeholder =
        PLACEHOLDER.matcher(read(root.resolve("src/main/resources/application.yaml")));
    while (placeholder.find()) {
      bound.placeholders.add(placeholder.group(1));
    }
    return bound;
  }

  /** Whether the environment variable reaches the service: a placeholder, or relaxed binding. */
  boolean readsEnv(final String name) {
    return placeholders.contains(name) || binds(name.toLowerCase(Locale.ROOT).replace('_', '.'));
  }

  /** Whether a property path (dots, any case, dashes allowed) is bound by some record. */
  boolean binds(final String property) {
    final String path = canonical(property);
    return paths.contains(path)
        || paths.stream().anyMatch(p -> p.contains(ANY_KEY) && matchesSegments(p, path))
        || openPrefixes.stream()
            .anyMatch(p -> path.startsWith(p + ".") || startsWithSegments(p, path));
  }

  private static boolean matchesSegments(final String pattern, final String path) {
    final String[] want = pattern.split("\\.");
    final String[] have = path.split("\\.");
    return want.length == have.length && prefixMatches(want, have);
  }

  private static boolean startsWithSegments(final String pattern, final String path) {
    final String[] want = pattern.split("\\.");
    final String[] have = path.split("\\.");
    return pattern.contains(ANY_KEY) && have.length > want.length && prefixMatches(want, have);
  }

  private static boolean prefixMatches(final String[] want, final String[] have) {
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals(ANY_KEY) && !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
  }

  private void addRecord(
      final String prefix, final String recordName, final List<String> sources, final int depth) {
    final Optional<String> source = sourceOf(recordName, sources);
    if (source.isEmpty() || depth > 5) {
      return;
    }
    final int open = source.get().indexOf('(', findRecord(source.get(), recordName));
    for (final String parameter : parameters(source.get(), open)) {
      final String[] words = parameter.replaceAll("@\\w+(\\([^)]*\\))?", " ").trim().split("\\s+");
      final String name = words[words.length - 1];
      final String type = words.length > 1 ? words[words.length - 2] : "";
      final String path = prefix + "." + name.toLowerCase(Locale.ROOT);
      paths.add(path);
      final Matcher map = MAP_VALUE.matcher(parameter);
      if (map.find() && sourceOf(map.group(1), sources).isPresent()) {
        // A map of records: any key, then only the record's components (prover.workers.pools.*).
        addRecord(path + "." + ANY_KEY, map.group(1), sources, depth + 1);
      } else if (parameter.contains("Map<")) {
        openPrefixes.add(path);
      } else {
        addRecord(path, type.replaceAll("<.*", ""), sources, depth + 1);
      }
    }
  }

  /** The record's parameter list, split at top-level commas (annotations carry parentheses). */
  private static List<String> parameters(final String source, final int open) {
    final List<String> parameters = new ArrayList<>();
    int depth = 0;
    int angle = 0;
    int start = open + 1;
    for (int i = open + 1; i < source.length(); i++) {
      final char c = source.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == '<') {
        angle++;
      } else if (c == '>') {
        angle--;
      } else if (c == ')' && depth-- == 0) {
        parameters.add(source.substring(start, i));
        break;
      } else if (c == ',' && depth == 0 && angle == 0) {
        parameters.add(source.substring(start, i));
        start = i + 1;
      }
    }
    return parameters.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  private static Optional<String> sourceOf(final String recordName, final List<String> sources) {
    return sources.stream().filter(s -> findRecord(s, recordName) >= 0).findFirst();
  }

  private static int findRecord(final String source, final String recordName) {
    final Matcher record = RECORD.matcher(source);
    while (record.find()) {
      if (record.group(1).equals(recordName)) {
        return record.start();
      }
    }
    return -1;
  }

  private static String recordName(final String source) {
    final Matcher record = RECORD.matcher(source);
    return record.find() ? record.group(1) : "";
  }

  private static String canonical(final String property) {
    return property.toLowerCase(Locale.ROOT).replace("-", "");
  }

  private static List<Path> javaFiles(final Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(final Path file) {
    try {
      return Files.readString(file);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
