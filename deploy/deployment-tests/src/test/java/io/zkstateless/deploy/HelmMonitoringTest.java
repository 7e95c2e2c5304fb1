package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart ships the same alert rules and dashboard as deploy/prometheus and deploy/grafana. */
class HelmMonitoringTest {

  private static final Path RULES =
      DeployPaths.prometheusRules().resolve("zk-stateless-rules.yaml");
  private static final Path DASHBOARD =
      DeployPaths.grafanaDashboards().resolve("zk-stateless.json");

  @Test
  void theChartsCopiesAreIdenticalToTheOriginals() throws IOException {
    final Path files = DeployPaths.chart().resolve("files");

    assertThat(Files.readString(files.resolve("zk-stateless-rules.yaml")))
        .isEqualTo(Files.readString(RULES));
    assertThat(Files.readString(files.resolve("zk-stateless.json")))
        .isEqualTo(Files.readString(DASHBOARD));
  }

  @Test
  void thePrometheusRuleCarriesTheRulesFileGroups() {
    final List<GenericKubernetesResource> rules =
        ChartScenarios.rendered(ChartScenarios.MONITORING).generic("PrometheusRule");

    assertThat(rules)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
              assertThat(rule.getMetadata().getLabels())
                  .containsEntry("release", "kube-prometheus-stack");
              final List<Map<String, Object>> groups = rule.get("spec", "groups");
              assertThat(groups).isEqualTo(HelmValues.read(RULES).get("groups"));
            });
    assertThat(ChartScenarios.rendered(ChartScenarios.DEFAULT).generic("PrometheusRule")).isEmpty();
  }

  @Test
  void theDashboardConfigMapHoldsTheDashboardForTheGrafanaSidecar() throws IOException {
    final ConfigMap dashboard =
        ChartScenarios.rendered(ChartScenarios.MONITORING)
            .named(ConfigMap.class, PREFIX.substring(0, PREFIX.length() - 1) + "-dashboard");

    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData().get("zk-stateless.json").strip())
        .isEqualTo(Files.readString(DASHBOARD).strip());
    assertThat(ChartScenarios.rendered(ChartScenarios.DEFAULT).all())
        .noneMatch(o -> o.getMetadata().getName().endsWith("-dashboard"));
  }
}
