package io.zkstateless.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Kustomize base is the chart's default render; the production overlay patches what exists. */
class KustomizeTest {

  private static final Path BASE = DeployPaths.kustomize().resolve("base");
  private static final Path PRODUCTION = DeployPaths.kustomize().resolve("overlays/production");

  @Test
  void theBaseIsTheChartsDefaultRenderWithoutHelmLabels() {
    final List<Map<String, Object>> base = Kustomization.build(BASE);
    final List<Map<String, Object>> chart = ChartAsBase.objects();

    assertThat(ids(base)).isEqualTo(ids(chart));
    final Map<String, Map<String, Object>> chartById =
        chart.stream().collect(Collectors.toMap(Kustomization::id, o -> o));
    for (final Map<String, Object> object : base) {
      assertThat(object)
          .as(Kustomization.id(object))
          .isEqualTo(chartById.get(Kustomization.id(object)));
    }
  }

  @Test
  void everyBaseObjectParsesAndEveryPodRunsAsNonRootWithActuatorProbes() {
    final Manifests base = Manifests.fromMaps(Kustomization.build(BASE), "k8s/base");

    assertThat(Workloads.kinds(base.all()))
        .containsOnly(
            "ConfigMap",
            "Deployment",
            "StatefulSet",
            "Service",
            "PodDisruptionBudget",
            "NetworkPolicy");
    assertThat(base.ofType(PodDisruptionBudget.class))
        .allMatch(pdb -> pdb.getApiVersion().equals("policy/v1"));
    final Map<String, PodTemplateSpec> pods = Workloads.podTemplates(base);
    assertThat(pods).hasSize(3);
    pods.forEach(
        (name, pod) -> {
          assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
          final Container container = pod.getSpec().getContainers().getFirst();
          assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
          assertThat(container.getLivenessProbe().getHttpGet().getPath())
              .isEqualTo("/actuator/health/liveness");
          assertThat(container.getReadinessProbe().getHttpGet().getPath())
              .isEqualTo("/actuator/health/readiness");
          assertThat(container.getResources().getLimits()).containsKey("memory");
          assertThat(container.getImage()).startsWith("ghcr.io/zk-stateless/");
        });
  }

  @Test
  void everyOverlayPatchTargetsABaseObjectAndEveryImageRuleAnImage() {
    final Set<String> baseIds = new HashSet<>(ids(Kustomization.build(BASE)));
    final Map<String, Object> kustomization =
        Kustomization.readAll(PRODUCTION.resolve("kustomization.yaml")).getFirst();

    for (final Object patch : (List<?>) kustomization.get("patches")) {
      for (final Map<String, Object> target :
          Kustomization.readAll(PRODUCTION.resolve(((Map<?, ?>) patch).get("path").toString()))) {
        assertThat(baseIds).as("target of %s", patch).contains(Kustomization.id(target));
      }
    }
    final Set<String> baseImages =
        Workloads.podTemplates(Manifests.fromMaps(Kustomization.build(BASE), "k8s/base"))
            .values()
            .stream()
            .map(
                pod ->
                    pod.getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage()
                        .replaceFirst(":[^:/]+$", ""))
            .collect(Collectors.toSet());
    for (final Object image : (List<?>) kustomization.get("images")) {
      assertThat(baseImages).contains(((Map<?, ?>) image).get("name").toString());
    }
  }

  @Test
  void theProductionOverlaySetsTheChainAndKeepsWhatItDoesNotPatch() {
    final Manifests overlay =
        Manifests.fromMaps(Kustomization.build(PRODUCTION), "k8s/overlays/production");

    assertThat(overlay.all()).allMatch(o -> "zk-stateless".equals(o.getMetadata().getNamespace()));
    final Container validator = Workloads.container(overlay, "zk-stateless-validator", "validator");
    assertThat(Workloads.envValue(validator, "FORK_DIGEST")).isEqualTo("0xbfe0d3f4");
    assertThat(Workloads.envValue(validator, "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("kafka-bootstrap.kafka.svc:9092");
    assertThat(
            Workloads.env(validator, "DB_PASSWORD")
                .orElseThrow()
                .getValueFrom()
                .getSecretKeyRef()
                .getName())
        .isEqualTo("zk-stateless-postgresql");
    assertThat(validator.getImage()).isEqualTo("ghcr.io/zk-stateless/validator-service:0.1.0");
    assertThat(validator.getEnv().stream().map(e -> e.getName()).distinct().count())
        .isEqualTo(validator.getEnv().size());

    for (final String service : List.of("prover", "broadcaster", "validator")) {
      final Container container = Workloads.container(overlay, "zk-stateless-" + service, service);
      assertThat(
              Workloads.env(container, "ADMIN_TOKEN")
                  .orElseThrow()
                  .getValueFrom()
                  .getSecretKeyRef()
                  .getName())
          .isEqualTo("zk-stateless-admin");
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    assertThat(overlay.named(Deployment.class, "zk-stateless-broadcaster").getSpec().getReplicas())
        .isEqualTo(2);
    final Container prover = Workloads.container(overlay, "zk-stateless-prover", "prover");
    assertThat(prover.getResources().getLimits()).containsEntry("memory", new Quantity("6Gi"));
    assertThat(prover.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(Workloads.envValue(prover, "EXECUTION_CLIENT_URL"))
        .isEqualTo("http://reth.eth.svc:8545");
  }

  private static List<String> ids(final List<Map<String, Object>> objects) {
    return objects.stream().map(Kustomization::id).sorted().toList();
  }
}
