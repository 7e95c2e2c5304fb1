package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The prover's {@code ere} pools point at the zkVM worker Services the chart deploys. */
@SuppressWarnings("unchecked")
class HelmZkvmProverTest {

  @Test
  void eachProofTypesPoolHasOneEndpointPerWorkerService() {
    final Manifests gpu = ChartScenarios.rendered(ChartScenarios.GPU);
    final Map<String, Object> config = HelmDependenciesTest.applicationYaml(gpu, "prover");

    final Map<Object, Object> pools = (Map<Object, Object>) HelmDependenciesTest.nested(config, "prover", "workers");
    assertThat(((Map<Object, Object>) pools.get("pools")).keySet()).containsExactlyInAnyOrder("sp1", "zisk");
    final Map<Object, Object> sp1 = pool(config, "sp1");
    assertThat(sp1.get("kind")).isEqualTo("ere");
    assertThat(sp1.get("count")).isEqualTo(2);
    final Map<Object, Object> sp1Ere = (Map<Object, Object>) sp1.get("ere");
    assertThat((List<Object>) sp1Ere.get("endpoints"))
        .containsExactly(
            "http://" + PREFIX + "zkvm-sp1-0:3000", "http://" + PREFIX + "zkvm-sp1-1:3000");
    assertThat(sp1Ere.get("prove-timeout")).isEqualTo("PT4M");
    assertThat(sp1Ere.get("connect-timeout")).isEqualTo("PT5S");
    assertThat(sp1Ere.get("call-timeout")).isEqualTo("PT1M");

    final Map<Object, Object> zisk = pool(config, "zisk");
    assertThat(zisk.get("count")).isEqualTo(1);
    final Map<Object, Object> ziskEre = (Map<Object, Object>) zisk.get("ere");
    assertThat((List<Object>) ziskEre.get("endpoints"))
        .containsExactly("http://" + PREFIX + "zkvm-zisk:3000");
    // prover.config merges over what the chart derives, key by key.
    assertThat(ziskEre.get("program-vk-sha256")).asString().startsWith("0x");
    assertThat(ziskEre.get("prove-timeout")).isEqualTo("PT4M");
  }

  @Test
  void everyEndpointIsAWorkerServiceOnTheServersPort() {
    final Manifests gpu = ChartScenarios.rendered(ChartScenarios.GPU);
    final Map<String, Object> config = HelmDependenciesTest.applicationYaml(gpu, "prover");

    for (final String type : List.of("sp1", "zisk")) {
      final Map<Object, Object> ere = (Map<Object, Object>) pool(config, type).get("ere");
      for (final Object endpoint : (List<Object>) ere.get("endpoints")) {
        final URI uri = URI.create(endpoint.toString());
        final Service service = gpu.named(Service.class, uri.getHost());
        assertThat(service.getSpec().getSelector())
            .containsEntry("app.kubernetes.io/component", "zkvm-worker");
        assertThat(service.getSpec().getPorts())
            .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(uri.getPort()));
        final Deployment worker = gpu.named(Deployment.class, uri.getHost());
        assertThat(worker.getSpec().getTemplate().getMetadata().getLabels())
            .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(worker.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts())
            .anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(uri.getPort()));
      }
    }
  }

  @Test
  void withoutWorkersOrWithTheProverSideOffThePoolsAreLeftToTheJar() {
    assertThat(
            HelmDependenciesTest.applicationYaml(
                ChartScenarios.rendered(ChartScenarios.DEFAULT), "prover"))
        .doesNotContainKey("zk")
        .extractingByKey("prover")
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .doesNotContainKey("workers");

    final Manifests off =
        HelmChart.render(
            HelmChart.scenario(ChartScenarios.GPU), Map.of("zkvmWorkers.prover.enabled", false));
    assertThat(off.named(Deployment.class, PREFIX + "zkvm-sp1-0")).isNotNull();
    final Map<Object, Object> workers =
        (Map<Object, Object>)
            HelmDependenciesTest.nested(
                HelmDependenciesTest.applicationYaml(off, "prover"), "prover", "workers");
    assertThat(((Map<Object, Object>) workers.get("pools")).keySet()).containsExactly("zisk");
    assertThat((Map<Object, Object>) ((Map<Object, Object>) workers.get("pools")).get("zisk"))
        .doesNotContainKey("kind");
  }

  @Test
  void aWorkerEntryWithSeveralReplicasIsRefusedWhileThePoolsAreDerived() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    HelmChart.scenario(ChartScenarios.GPU),
                    Map.of("zkvmWorkers.defaults.replicas", 2)))
        .hasMessageContaining("replicas 2")
        .hasMessageContaining("one ere-server");

    final Manifests parked =
        HelmChart.render(
            HelmChart.scenario(ChartScenarios.GPU), Map.of("zkvmWorkers.defaults.replicas", 0));
    assertThat(pool(HelmDependenciesTest.applicationYaml(parked, "prover"), "zisk"))
        .doesNotContainKey("kind");
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> pool(final Map<String, Object> config, final String type) {
    return (Map<Object, Object>) HelmDependenciesTest.nested(config, "prover", "workers", "pools", type);
  }
}
