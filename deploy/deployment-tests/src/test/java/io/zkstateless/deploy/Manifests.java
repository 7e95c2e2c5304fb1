package io.zkstateless.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A stream of Kubernetes YAML documents (helm template output, a Kustomize file) parsed into
 * fabric8's typed model. Kinds fabric8 has no class for (ServiceMonitor and other CRDs) come back
 * as {@link GenericKubernetesResource}. A document that does not parse fails the whole stream,
 * naming the document.
 */
final class Manifests {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern ONLY_COMMENTS = Pattern.compile("(?s)\\s*(#[^\\n]*\\s*)*");

  private final List<HasMetadata> objects;

  private Manifests(final List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(final String yaml, final String origin) {
    final List<HasMetadata> parsed = new ArrayList<>();
    int index = 0;
    for (final String document : DOCUMENT_SEPARATOR.split(yaml)) {
      index++;
      if (ONLY_COMMENTS.matcher(document).matches()) {
        continue;
      }
      final Object object;
      try {
        object = Serialization.unmarshal(document);
      } catch (final RuntimeException e) {
        throw new IllegalStateException(
            origin + ": document " + index + " does not parse: " + e.getMessage() + "\n" + document,
            e);
      }
      if (!(object instanceof HasMetadata resource)) {
        throw new IllegalStateException(
            origin + ": document " + index + " is not a Kubernetes object");
      }
      parsed.add(resource);
    }
    return new Manifests(parsed);
  }

  /** Objects already read as YAML maps (a Kustomize build), through the same typed parsing. */
  static Manifests fromMaps(final List<Map<String, Object>> maps, final String origin) {
    final StringBuilder yaml = new StringBuilder();
    for (final Map<String, Object> map : maps) {
      yaml.append("---\n").append(new Yaml().dump(map));
    }
    return parse(yaml.toString(), origin);
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> ofType(final Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T named(final Class<T> type, final String name) {
    return ofType(type).stream()
        .filter(resource -> name.equals(resource.getMetadata().getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no " + type.getSimpleName() + " " + name + " in " + names()));
  }

  /** Objects of a kind fabric8 has no model class for, as generic maps. */
  List<GenericKubernetesResource> generic(final String kind) {
    return ofType(GenericKubernetesResource.class).stream()
        .filter(resource -> kind.equals(resource.getKind()))
        .toList();
  }

  /** Objects carrying {@code app.kubernetes.io/component=<component>}. */
  List<HasMetadata> component(final String component) {
    return objects.stream()
        .filter(
            resource ->
                resource.getMetadata().getLabels() != null
                    && component.equals(
                        resource.getMetadata().getLabels().get("app.kubernetes.io/component")))
        .toList();
  }

  List<String> names() {
    return objects.stream()
        .map(resource -> resource.getKind() + "/" + resource.getMetadata().getName())
        .toList();
  }
}
