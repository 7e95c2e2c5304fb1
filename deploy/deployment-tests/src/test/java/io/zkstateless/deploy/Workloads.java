package io.zkstateless.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Pod templates of the Deployments and StatefulSets in a set of manifests, by workload name. */
final class Workloads {

  private Workloads() {}

  static Map<String, PodTemplateSpec> podTemplates(final Manifests manifests) {
    final Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
    manifests
        .ofType(Deployment.class)
        .forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
    manifests
        .ofType(StatefulSet.class)
        .forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
    return templates;
  }

  static PodTemplateSpec podTemplate(final Manifests manifests, final String workload) {
    final PodTemplateSpec template = podTemplates(manifests).get(workload);
    if (template == null) {
      throw new NoSuchElementException("no workload " + workload + " in " + manifests.names());
    }
    return template;
  }

  static Container container(
      final Manifests manifests, final String workload, final String container) {
    return podTemplate(manifests, workload).getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(container))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("no container " + container + " in " + workload));
  }

  static Optional<EnvVar> env(final Container container, final String name) {
    return container.getEnv() == null
        ? Optional.empty()
        : container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  static String envValue(final Container container, final String name) {
    return env(container, name)
        .map(EnvVar::getValue)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no env " + name + " in container " + container.getName()));
  }

  /** Whether {@code selector} (all its labels) picks {@code resource}'s labels. */
  static boolean selects(final Map<String, String> selector, final Map<String, String> labels) {
    return selector != null
        && !selector.isEmpty()
        && labels != null
        && labels.entrySet().containsAll(selector.entrySet());
  }

  static List<String> kinds(final List<HasMetadata> resources) {
    return resources.stream().map(HasMetadata::getKind).sorted().toList();
  }
}
