package io.zkstateless.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of Kubernetes' strategic merge patch that our overlays use: maps merge key by key, and
 * the lists Kubernetes declares with a merge key (containers and env by name, ports by
 * containerPort, ...) merge element by element; every other list is replaced. Directives such as
 * {@code $patch: delete} are refused rather than half-applied. No kustomize binary exists here, so
 * this is what lets the tests look at the overlay's result.
 */
final class StrategicMerge {

  /** Field name to merge key, from the Kubernetes API's patchMergeKey tags. */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "env", "name",
          "volumes", "name",
          "volumeMounts", "mountPath",
          "ports", "containerPort",
          "imagePullSecrets", "name");

  private StrategicMerge() {}

  static Map<String, Object> apply(
      final Map<String, Object> base, final Map<String, Object> patch) {
    final Map<String, Object> merged = new LinkedHashMap<>(base);
    patch.forEach(
        (key, value) -> {
          if (key.startsWith("$")) {
            throw new IllegalArgumentException("patch directive " + key + " is not supported");
          }
          final Object existing = merged.get(key);
          if (existing instanceof Map<?, ?> baseMap && value instanceof Map<?, ?> patchMap) {
            merged.put(key, apply(cast(baseMap), cast(patchMap)));
          } else if (existing instanceof List<?> baseList
              && value instanceof List<?> patchList
              && MERGE_KEYS.containsKey(key)) {
            merged.put(key, mergeList(baseList, patchList, MERGE_KEYS.get(key)));
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }

  private static List<Object> mergeList(
      final List<?> base, final List<?> patch, final String mergeKey) {
    final List<Object> merged = new ArrayList<>(base);
    for (final Object element : patch) {
      final Map<String, Object> patchElement = cast((Map<?, ?>) element);
      final Object id = patchElement.get(mergeKey);
      final int index = indexOf(merged, mergeKey, id);
      if (index < 0) {
        merged.add(patchElement);
      } else {
        merged.set(index, apply(cast((Map<?, ?>) merged.get(index)), patchElement));
      }
    }
    return merged;
  }

  private static int indexOf(final List<Object> list, final String mergeKey, final Object id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> element && Objects.equals(element.get(mergeKey), id)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(final Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
