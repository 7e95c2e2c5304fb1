package io.zkstateless.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Values files as Helm coalesces them: maps merge key by key, anything else (lists, scalars) is
 * replaced by the overriding file. Needed because helm-java's lint takes no values file, so a
 * scenario is linted as a copy of the chart whose values.yaml already holds the merge.
 */
final class HelmValues {

  private HelmValues() {}

  static Map<String, Object> read(final Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      final Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return loaded == null ? new LinkedHashMap<>() : asMap(loaded, file.toString());
    } catch (final IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** A new map: {@code base} with {@code override} laid over it. Neither argument changes. */
  static Map<String, Object> merge(
      final Map<String, Object> base, final Map<String, Object> override) {
    final Map<String, Object> merged = new LinkedHashMap<>(base);
    override.forEach(
        (key, value) -> {
          final Object existing = merged.get(key);
          if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
            merged.put(key, merge(asMap(existing, key), asMap(value, key)));
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }

  static String toYaml(final Map<String, Object> values) {
    final DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new Representer(options), options).dump(values);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(final Object value, final String where) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalStateException(where + " is not a YAML mapping");
    }
    return (Map<String, Object>) value;
  }
}
