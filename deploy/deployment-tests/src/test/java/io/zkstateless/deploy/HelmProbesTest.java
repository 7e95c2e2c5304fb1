package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Probes and ports agree with what each service really serves: the port in its application.yaml,
 * and the actuator health groups it enables.
 */
class HelmProbesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "prover,prover-service",
    "broadcaster,broadcaster-service",
    "validator,validator-service"
  })
  void probesHitTheActuatorHealthGroupsOnTheServicePort(final String service, final String module) {
    final Map<String, Object> applicationYaml =
        HelmValues.read(
            DeployPaths.repo().resolve(Path.of(module, "src/main/resources/application.yaml")));
    final Container container =
        Workloads.container(
            ChartScenarios.rendered(ChartScenarios.DEFAULT), PREFIX + service, service);

    final int portInJar = defaultPort(path(applicationYaml, "server", "port"));
    final ContainerPort http = port(container, "http");
    assertThat(http.getContainerPort()).isEqualTo(portInJar);
    assertThat(Workloads.envValue(container, "SERVER_PORT")).isEqualTo(Integer.toString(portInJar));

    // The probe endpoints exist only while management.endpoint.health.probes.enabled is on.
    assertThat(path(applicationYaml, "management", "endpoint", "health", "probes", "enabled"))
        .isEqualTo(true);
    assertHttpGet(container.getLivenessProbe(), "/actuator/health/liveness");
    assertHttpGet(container.getReadinessProbe(), "/actuator/health/readiness");
    assertHttpGet(container.getStartupProbe(), "/actuator/health/liveness");
    assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "broadcaster,broadcaster-service,BROADCASTER_P2P_LISTENPORT",
    "validator,validator-service,P2P_PORT"
  })
  void theP2pPortIsTheOneTheNodeListensOn(
      final String service, final String module, final String env) {
    final Container container =
        Workloads.container(
            ChartScenarios.rendered(ChartScenarios.DEFAULT), PREFIX + service, service);

    final ContainerPort p2p = port(container, "p2p");
    assertThat(p2p.getProtocol()).isEqualTo("TCP");
    assertThat(Workloads.envValue(container, env)).isEqualTo(p2p.getContainerPort().toString());
  }

  private static void assertHttpGet(final Probe probe, final String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  private static ContainerPort port(final Container container, final String name) {
    return container.getPorts().stream()
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** {@code ${SERVER_PORT:8081}} → 8081. */
  private static int defaultPort(final Object placeholder) {
    final String text = placeholder.toString();
    return Integer.parseInt(text.substring(text.lastIndexOf(':') + 1, text.length() - 1));
  }

  private static Object path(final Map<String, Object> yaml, final String... keys) {
    Object node = yaml;
    for (final String key : keys) {
      node = ((Map<?, ?>) node).get(key);
    }
    return node;
  }
}
