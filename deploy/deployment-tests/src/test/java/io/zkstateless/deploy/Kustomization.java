package io.zkstateless.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A kustomization built the way {@code kustomize build} would for the fields we use: resources
 * (files and directories), strategic-merge patches by path, the images transformer and the
 * namespace. Any other field fails the build, so the check cannot silently skip what it does not
 * understand.
 */
final class Kustomization {

  private static final List<String> SUPPORTED =
      List.of("apiVersion", "kind", "resources", "patches", "images", "namespace");

  private Kustomization() {}

  /** The objects of the kustomization in {@code directory}, as YAML maps. */
  static List<Map<String, Object>> build(final Path directory) {
    final Map<String, Object> kustomization = readOne(directory.resolve("kustomization.yaml"));
    for (final String field : kustomization.keySet()) {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(
            directory + ": field " + field + " is not supported by this check");
      }
    }
    final List<Map<String, Object>> objects = new ArrayList<>();
    for (final Object resource : list(kustomization, "resources")) {
      final Path path = directory.resolve(resource.toString()).normalize();
      objects.addAll(Files.isDirectory(path) ? build(path) : readAll(path));
    }
    for (final Object patch : list(kustomization, "patches")) {
      final Map<?, ?> entry = (Map<?, ?>) patch;
      for (final Map<String, Object> patchObject :
          readAll(directory.resolve(entry.get("path").toString()))) {
        final int target = indexOfTarget(objects, patchObject);
        if (target < 0) {
          throw new IllegalArgumentException(
              directory
                  + ": patch "
                  + entry.get("path")
                  + " targets "
                  + id(patchObject)
                  + ", which is not among the resources");
        }
        objects.set(target, StrategicMerge.apply(objects.get(target), patchObject));
      }
    }
    return objects.stream().map(o -> transform(o, kustomization)).toList();
  }

  static String id(final Map<String, Object> object) {
    return object.get("kind") + "/" + ((Map<?, ?>) object.get("metadata")).get("name");
  }

  private static int indexOfTarget(
      final List<Map<String, Object>> objects, final Map<String, Object> patch) {
    for (int i = 0; i < objects.size(); i++) {
      if (id(objects.get(i)).equals(id(patch))) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> transform(
      final Map<String, Object> object, final Map<String, Object> kustomization) {
    final Map<String, Object> copy = StrategicMerge.apply(object, Map.of());
    if (kustomization.get("namespace") instanceof String namespace) {
      final Map<String, Object> metadata =
          new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
      metadata.put("namespace", namespace);
      copy.put("metadata", metadata);
    }
    return images(copy, list(kustomization, "images"));
  }

  /** The images transformer: containers whose image name matches get the new name and tag. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> images(
      final Map<String, Object> node, final List<Object> images) {
    final Map<String, Object> result = new LinkedHashMap<>();
    node.forEach(
        (key, value) -> {
          if (key.equals("image") && value instanceof String image) {
            result.put(key, retag(image, images));
          } else if (value instanceof Map<?, ?> map) {
            result.put(key, images((Map<String, Object>) map, images));
          } else if (value instanceof List<?> list) {
            result.put(
                key,
                list.stream()
                    .map(
                        e -> e instanceof Map<?, ?> m ? images((Map<String, Object>) m, images) : e)
                    .toList());
          } else {
            result.put(key, value);
          }
        });
    return result;
  }

  private static String retag(final String image, final List<Object> images) {
    final int colon = image.lastIndexOf(':');
    final String name = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    for (final Object entry : images) {
      final Map<?, ?> rule = (Map<?, ?>) entry;
      if (name.equals(rule.get("name"))) {
        final Object newName = rule.get("newName");
        final Object newTag = rule.get("newTag");
        return (newName == null ? name : newName)
            + ":"
            + (newTag == null ? image.substring(colon + 1) : newTag);
      }
    }
    return image;
  }

  private static List<Object> list(final Map<String, Object> map, final String key) {
    final Object value = map.get(key);
    return value == null ? List.of() : new ArrayList<>((List<?>) value);
  }

  static List<Map<String, Object>> readAll(final Path file) {
    try {
      final List<Map<String, Object>> documents = new ArrayList<>();
      for (final Object document : yaml().loadAll(Files.readString(file))) {
        if (document != null) {
          documents.add(asMap(document, file));
        }
      }
      return documents;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> readOne(final Path file) {
    final List<Map<String, Object>> documents = readAll(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(file + " must hold exactly one document");
    }
    return documents.getFirst();
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(final Object document, final Path file) {
    if (!(document instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(file + ": a document is not a mapping");
    }
    return (Map<String, Object>) document;
  }
}
