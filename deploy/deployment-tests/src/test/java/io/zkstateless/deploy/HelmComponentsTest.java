package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which objects each service brings, that each can be switched off, and that Services reach pods.
 */
class HelmComponentsTest {

  private static final List<String> SERVICES = List.of("prover", "broadcaster", "validator");

  static Stream<String> scenarios() {
    return Stream.of(
        ChartScenarios.DEFAULT,
        ChartScenarios.EXTERNAL_DEPS,
        ChartScenarios.GPU,
        ChartScenarios.MINIMAL,
        ChartScenarios.MONITORING);
  }

  @Test
  void defaultsRenderTheThreeServicesWithTheirObjects() {
    final Manifests manifests = ChartScenarios.rendered(ChartScenarios.DEFAULT);

    assertThat(Workloads.kinds(manifests.component("prover")))
        .containsExactly(
            "ConfigMap",
            "NetworkPolicy",
            "PodDisruptionBudget",
            "Service",
            "Service",
            "StatefulSet");
    for (final String service : List.of("broadcaster", "validator")) {
      assertThat(Workloads.kinds(manifests.component(service)))
          .as(service)
          .containsExactly(
              "ConfigMap",
              "Deployment",
              "NetworkPolicy",
              "PodDisruptionBudget",
              "Service",
              "Service");
    }
    assertThat(manifests.component("zkvm-worker")).isEmpty();
    // Credentials come from the pre-created Secret named in values.yaml; the chart makes none.
    assertThat(Workloads.kinds(manifests.all())).doesNotContain("Secret", "ServiceMonitor");
  }

  @ParameterizedTest
  @ValueSource(strings = {"prover", "broadcaster", "validator"})
  void eachServiceCanBeSwitchedOff(final String service) {
    final Manifests all = ChartScenarios.rendered(ChartScenarios.DEFAULT);
    final Manifests without =
        HelmChart.render(
            HelmChart.scenario(ChartScenarios.DEFAULT), Map.of(service + ".enabled", "false"));

    assertThat(without.component(service)).isEmpty();
    assertThat(without.all())
        .noneMatch(o -> o.getMetadata().getName().startsWith(PREFIX + service));
    for (final String other : SERVICES) {
      if (!other.equals(service)) {
        assertThat(Workloads.kinds(without.component(other)))
            .isEqualTo(Workloads.kinds(all.component(other)));
      }
    }
  }

  @Test
  void theMinimalScenarioIsTheValidatorAlone() {
    final Manifests manifests = ChartScenarios.rendered(ChartScenarios.MINIMAL);

    assertThat(Workloads.podTemplates(manifests)).containsOnlyKeys(PREFIX + "validator");
    assertThat(Workloads.kinds(manifests.all()))
        .containsExactly("ConfigMap", "Deployment", "Service", "Service");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyServiceSelectsPodsAndNamesAContainerPort(final String scenario) {
    final Manifests manifests = ChartScenarios.rendered(scenario);
    final Map<String, PodTemplateSpec> pods = Workloads.podTemplates(manifests);

    assertThat(manifests.ofType(Service.class)).isNotEmpty();
    for (final Service service : manifests.ofType(Service.class)) {
      final List<PodTemplateSpec> selected =
          pods.values().stream()
              .filter(
                  pod ->
                      Workloads.selects(
                          service.getSpec().getSelector(), pod.getMetadata().getLabels()))
              .toList();
      assertThat(selected).as("pods behind Service %s", service.getMetadata().getName()).hasSize(1);
      final List<String> containerPorts =
          selected.getFirst().getSpec().getContainers().stream()
              .flatMap(c -> c.getPorts().stream())
              .map(p -> p.getName())
              .toList();
      for (final ServicePort port : service.getSpec().getPorts()) {
        assertThat(containerPorts)
            .as("targetPort of %s", service.getMetadata().getName())
            .contains(port.getTargetPort().getStrVal());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyObjectCarriesTheReleaseLabels(final String scenario) {
    for (final HasMetadata object : ChartScenarios.rendered(scenario).all()) {
      assertThat(object.getMetadata().getLabels())
          .as(object.getKind() + "/" + object.getMetadata().getName())
          .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsKey("helm.sh/chart");
    }
  }

  @Test
  void replicasAndImagesFollowValues() {
    final Manifests manifests =
        HelmChart.render(
            HelmChart.scenario(ChartScenarios.DEFAULT),
            Map.of(
                "broadcaster.replicas",
                "3",
                "image.registry",
                "registry.example/zk",
                "image.tag",
                "1.2.3",
                "validator.image.tag",
                "1.2.4"));

    assertThat(manifests.named(Deployment.class, PREFIX + "broadcaster").getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(Workloads.container(manifests, PREFIX + "prover", "prover").getImage())
        .isEqualTo("registry.example/zk/prover-service:1.2.3");
    assertThat(Workloads.container(manifests, PREFIX + "validator", "validator").getImage())
        .isEqualTo("registry.example/zk/validator-service:1.2.4");
  }
}
