package io.zkstateless.deploy;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart rendered the way k8s/base was made (ci/values-default.yaml, release and namespace
 * zk-stateless) without what only Helm adds: the helm.sh/chart and managed-by labels and the
 * checksum/config annotation.
 */
final class ChartAsBase {

  private ChartAsBase() {}

  static List<Map<String, Object>> objects() {
    return Kustomization.readAll(writeRender()).stream()
        .map(ChartAsBase::withoutHelmBookkeeping)
        .toList();
  }

  private static Path writeRender() {
    try {
      final Path file = Files.createTempFile("chart-default", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, renderAsBase());
      return file;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chart with the release name the base was made with, so names and selectors match. */
  private static String renderAsBase() {
    return new Helm(DeployPaths.chart())
        .template()
        .withName("zk-stateless")
        .withNamespace("zk-stateless")
        .withKubeVersion("1.31.0")
        .withValuesFile(HelmChart.scenario(ChartScenarios.DEFAULT))
        .call();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutHelmBookkeeping(final Map<String, Object> object) {
    final Map<String, Object> copy = StrategicMerge.apply(object, Map.of());
    stripMetadata(copy);
    final Object spec = copy.get("spec");
    if (spec instanceof Map<?, ?> specMap
        && specMap.get("template") instanceof Map<?, ?> template) {
      final Map<String, Object> templateCopy = new LinkedHashMap<>((Map<String, Object>) template);
      stripMetadata(templateCopy);
      final Map<String, Object> specCopy = new LinkedHashMap<>((Map<String, Object>) specMap);
      specCopy.put("template", templateCopy);
      copy.put("spec", specCopy);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static void stripMetadata(final Map<String, Object> object) {
    final Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
    if (metadata.get("labels") instanceof Map<?, ?> labels) {
      final Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) labels);
      kept.remove("helm.sh/chart");
      kept.remove("app.kubernetes.io/managed-by");
      metadata.put("labels", kept);
    }
    if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
      final Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) annotations);
      kept.remove("checksum/config");
      if (kept.isEmpty()) {
        metadata.remove("annotations");
      } else {
        metadata.put("annotations", kept);
      }
    }
    object.put("metadata", metadata);
  }
}
