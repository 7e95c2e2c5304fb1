package io.zkstateless.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every Grafana dashboard is well-formed and queries only series the services export. */
class DashboardTest {

  private static final ExportedMetrics EXPORTED = ExportedMetrics.scan();
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_]+)\\s*\\)");

  static Stream<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(DeployPaths.grafanaDashboards())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void everyQueryUsesExportedSeriesAndLabels(final Path file) throws IOException {
    final Map<String, Object> dashboard = load(file);
    final MetricReferences references = new MetricReferences(EXPORTED);
    final List<String> problems = new ArrayList<>();

    final List<Map<String, Object>> panels = panels(dashboard);
    for (final Map<String, Object> panel : panels) {
      for (final Object target : (List<?>) panel.get("targets")) {
        final String expr = ((Map<?, ?>) target).get("expr").toString();
        problems.addAll(
            references.problems(file.getFileName() + " '" + panel.get("title") + "'", expr));
      }
    }
    for (final Object variable : (List<?>) ((Map<?, ?>) dashboard.get("templating")).get("list")) {
      final Object definition = ((Map<?, ?>) variable).get("definition");
      if (definition != null) {
        final Matcher labelValues = LABEL_VALUES.matcher(definition.toString());
        assertThat(labelValues.matches()).as(definition.toString()).isTrue();
        problems.addAll(
            references.problems(
                "variable " + ((Map<?, ?>) variable).get("name"), labelValues.group(1)));
        assertThat(ExportedMetrics.TARGET_LABELS).contains(labelValues.group(2));
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void panelsAreComplete(final Path file) throws IOException {
    final Map<String, Object> dashboard = load(file);
    assertThat(dashboard).containsKeys("title", "uid", "panels", "templating");
    final Set<Object> ids = new HashSet<>();
    for (final Map<String, Object> panel : allPanels(dashboard)) {
      assertThat(ids.add(panel.get("id"))).as("unique id %s", panel.get("id")).isTrue();
      final Map<?, ?> grid = (Map<?, ?>) panel.get("gridPos");
      assertThat((Integer) grid.get("x") + (Integer) grid.get("w"))
          .as(panel.get("title").toString())
          .isLessThanOrEqualTo(24);
    }
    for (final Map<String, Object> panel : panels(dashboard)) {
      assertThat((List<?>) panel.get("targets")).as(panel.get("title").toString()).isNotEmpty();
      assertThat(((Map<?, ?>) panel.get("datasource")).get("uid")).isEqualTo("${datasource}");
    }
  }

  @Test
  void theOverviewShowsTheHeadlineSeries() throws IOException {
    final String text =
        Files.readString(DeployPaths.grafanaDashboards().resolve("zk-stateless.json"));
    assertThat(text)
        .contains(
            "validator_proven_gap_slots",
            "prover_failures_total",
            "broadcaster_published_total",
            "prover_workers");
  }

  @Test
  void theCheckRejectsSeriesAndLabelsNoServiceExports() {
    final MetricReferences references = new MetricReferences(EXPORTED);

    assertThat(references.problems("t", "sum(rate(prover_proofs_total[5m]))"))
        .containsExactly("t: prover_proofs_total is exported by no service");
    assertThat(references.problems("t", "rate(prover_failures{reason=\"x\"}[5m])")).hasSize(1);
    assertThat(
            references.problems("t", "sum by (subnet) (prover_failures_total{proof_type=\"x\"})"))
        .containsExactly(
            "t: prover_failures_total has no label proof_type",
            "t: grouping label subnet is on none of its series");
    assertThat(
            references.problems(
                "t",
                "histogram_quantile(0.95, sum by (le)"
                    + " (rate(validator_proof_verification_seconds_bucket[5m])))"))
        .isEmpty();
  }

  /** Panels with queries (rows excluded). */
  private static List<Map<String, Object>> panels(final Map<String, Object> dashboard) {
    return allPanels(dashboard).stream().filter(p -> !"row".equals(p.get("type"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> allPanels(final Map<String, Object> dashboard) {
    final List<Map<String, Object>> all = new ArrayList<>();
    for (final Object panel : (List<?>) dashboard.get("panels")) {
      all.add((Map<String, Object>) panel);
      final Object nested = ((Map<?, ?>) panel).get("panels");
      if (nested instanceof List<?> children) {
        children.forEach(child -> all.add((Map<String, Object>) child));
      }
    }
    return all;
  }

  /** YAML is a superset of JSON, so SnakeYAML reads the dashboard as it is. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(final Path file) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(file));
  }
}
