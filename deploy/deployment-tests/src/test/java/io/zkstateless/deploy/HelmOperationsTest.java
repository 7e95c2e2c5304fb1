package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU workers, disruption budgets, network policies and Prometheus Operator scraping. */
class HelmOperationsTest {

  @Test
  void gpuWorkersRequestGpusOnTheNodesValuesName() {
    final Manifests gpu = ChartScenarios.rendered(ChartScenarios.GPU);

    final Deployment sp1 = gpu.named(Deployment.class, PREFIX + "zkvm-sp1-0");
    assertThat(sp1.getSpec().getReplicas()).isEqualTo(1);
    final PodTemplateSpec pod = sp1.getSpec().getTemplate();
    final Container server = pod.getSpec().getContainers().getFirst();
    assertThat(server.getImage()).isEqualTo("ghcr.io/eth-act/ere/ere-server-sp1:0.16.2-cuda");
    assertThat(server.getResources().getRequests())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(server.getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(pod.getSpec().getNodeSelector())
        .isEqualTo(Map.of("cloud.example.com/node-pool", "gpu-h100"));
    assertThat(pod.getSpec().getTolerations())
        .extracting(Toleration::getKey)
        .containsExactly("dedicated", "nvidia.com/gpu");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getVolumes())
        .anyMatch(v -> v.getName().equals("shm") && "Memory".equals(v.getEmptyDir().getMedium()));

    final Container zisk =
        gpu.named(Deployment.class, PREFIX + "zkvm-zisk")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst();
    assertThat(zisk.getResources().getRequests())
        .containsEntry("nvidia.com/gpu", new Quantity("4"))
        .containsEntry("cpu", new Quantity("16"))
        .containsEntry("memory", new Quantity("128Gi"));
  }

  @Test
  void onlyTheProverMayTalkToTheWorkers() {
    final NetworkPolicy policy =
        ChartScenarios.rendered(ChartScenarios.GPU)
            .named(NetworkPolicy.class, PREFIX + "zkvm-worker");

    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "zkvm-worker");
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getFrom())
                  .singleElement()
                  .satisfies(
                      peer ->
                          assertThat(peer.getPodSelector().getMatchLabels())
                              .containsEntry("app.kubernetes.io/component", "prover"));
              assertThat(rule.getPorts())
                  .singleElement()
                  .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("grpc"));
            });
  }

  @Test
  void everyServiceHasAPolicyV1DisruptionBudgetOverItsPods() {
    final Manifests manifests = ChartScenarios.rendered(ChartScenarios.DEFAULT);
    final Map<String, PodTemplateSpec> pods = Workloads.podTemplates(manifests);
    final List<PodDisruptionBudget> budgets = manifests.ofType(PodDisruptionBudget.class);

    assertThat(budgets).hasSize(3);
    for (final PodDisruptionBudget budget : budgets) {
      assertThat(budget.getApiVersion()).isEqualTo("policy/v1");
      assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      assertThat(pods.get(budget.getMetadata().getName()).getMetadata().getLabels())
          .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void networkPoliciesOpenHttpToTheReleaseAndP2pToEveryone() {
    final Manifests manifests = ChartScenarios.rendered(ChartScenarios.MONITORING);

    for (final String service : new String[] {"prover", "broadcaster", "validator"}) {
      final NetworkPolicy policy = manifests.named(NetworkPolicy.class, PREFIX + service);
      assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
      assertThat(Workloads.podTemplate(manifests, PREFIX + service).getMetadata().getLabels())
          .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
      final var http = policy.getSpec().getIngress().getFirst();
      assertThat(http.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("http");
      assertThat(http.getFrom()).hasSize(2);
      assertThat(http.getFrom().get(1).getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "monitoring");
      final boolean gossips = !service.equals("prover");
      assertThat(policy.getSpec().getIngress()).hasSize(gossips ? 2 : 1);
      if (gossips) {
        final var p2p = policy.getSpec().getIngress().get(1);
        assertThat(p2p.getFrom()).isNullOrEmpty();
        assertThat(p2p.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("p2p");
      }
    }
    assertThat(ChartScenarios.rendered(ChartScenarios.MINIMAL).ofType(NetworkPolicy.class))
        .isEmpty();
  }

  @Test
  void serviceMonitorsScrapeEachServicesMainServiceWhenEnabled() {
    final Manifests manifests = ChartScenarios.rendered(ChartScenarios.MONITORING);
    final List<GenericKubernetesResource> monitors = manifests.generic("ServiceMonitor");

    assertThat(monitors).hasSize(3);
    for (final GenericKubernetesResource monitor : monitors) {
      assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
      assertThat(monitor.getMetadata().getLabels())
          .containsEntry("release", "kube-prometheus-stack");
      final Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
      final List<Service> scraped =
          manifests.ofType(Service.class).stream()
              .filter(s -> Workloads.selects(selector, s.getMetadata().getLabels()))
              .toList();
      assertThat(scraped)
          .as(monitor.getMetadata().getName())
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.getSpec().getPorts())
                      .extracting(p -> p.getName())
                      .containsExactly("http"));
      final List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
      assertThat(endpoints)
          .singleElement()
          .satisfies(
              endpoint -> {
                assertThat(endpoint)
                    .containsEntry("port", "http")
                    .containsEntry("path", "/actuator/prometheus");
                assertThat(endpoint).containsEntry("interval", "15s");
              });
    }
    assertThat(ChartScenarios.rendered(ChartScenarios.DEFAULT).generic("ServiceMonitor")).isEmpty();
  }

  @Test
  void p2pServicesTakeTheConfiguredType() {
    final Service p2p =
        ChartScenarios.rendered(ChartScenarios.MONITORING)
            .named(Service.class, PREFIX + "validator-p2p");

    assertThat(p2p.getSpec().getType()).isEqualTo("NodePort");
    assertThat(p2p.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    assertThat(p2p.getSpec().getPorts())
        .singleElement()
        .satisfies(port -> assertThat(port.getPort()).isEqualTo(9000));
  }
}
