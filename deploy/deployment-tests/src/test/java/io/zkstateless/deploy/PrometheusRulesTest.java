package io.zkstateless.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alert rules parse, have the alerts the operators need, and use exported series only. */
class PrometheusRulesTest {

  private static final Path RULES =
      DeployPaths.prometheusRules().resolve("zk-stateless-rules.yaml");
  private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");

  @Test
  void theRulesFileHasTheExpectedAlerts() {
    assertThat(alerts().stream().map(rule -> rule.get("alert")))
        .containsExactlyInAnyOrder(
            "ZkProvenGapHigh",
            "ZkNoProofsAccepted",
            "ZkDeadLetterTopicGrowing",
            "ZkBroadcasterSubnetWithoutPeers",
            "ZkBroadcasterRetryBacklog",
            "ZkProverFailures",
            "ZkProverWorkersUnhealthy",
            "ZkProverQueueBackingUp");
  }

  @Test
  void everyAlertIsComplete() {
    for (final Map<String, Object> rule : alerts()) {
      final String name = rule.get("alert").toString();
      assertThat(rule).as(name).containsKeys("expr", "labels", "annotations");
      assertThat(keys(rule.get("labels"))).as(name).contains("severity");
      assertThat(((Map<?, ?>) rule.get("labels")).get("severity").toString())
          .isIn("warning", "critical");
      assertThat(keys(rule.get("annotations"))).as(name).contains("summary", "description");
      if (rule.containsKey("for")) {
        assertThat(rule.get("for").toString()).as(name).matches(DURATION);
      }
      assertThat(rule.keySet())
          .as(name)
          .isSubsetOf("alert", "expr", "for", "labels", "annotations", "keep_firing_for");
    }
  }

  @Test
  void everyExpressionUsesExportedSeriesAndLabels() {
    final MetricReferences references = new MetricReferences(ExportedMetrics.scan());
    final List<String> problems = new ArrayList<>();
    for (final Map<String, Object> rule : alerts()) {
      problems.addAll(
          references.problems(rule.get("alert").toString(), rule.get("expr").toString()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theHeadlineAlertsWatchTheRightSeries() {
    assertThat(expr("ZkProvenGapHigh")).contains("validator_proven_gap_slots").contains("> 32");
    assertThat(expr("ZkNoProofsAccepted")).contains("validator_proofs_total{result=\"accept\"}");
    assertThat(expr("ZkDeadLetterTopicGrowing"))
        .contains("broadcaster_published_total{result=\"dead_lettered\"}");
    assertThat(expr("ZkProverFailures")).contains("prover_failures_total");
  }

  private static List<String> keys(final Object map) {
    return ((Map<?, ?>) map).keySet().stream().map(Object::toString).toList();
  }

  private static String expr(final String alert) {
    return alerts().stream()
        .filter(r -> alert.equals(r.get("alert")))
        .findFirst()
        .orElseThrow()
        .get("expr")
        .toString();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> alerts() {
    final Map<String, Object> file = HelmValues.read(RULES);
    assertThat(file).containsOnlyKeys("groups");
    final List<Map<String, Object>> rules = new ArrayList<>();
    for (final Object group : (List<?>) file.get("groups")) {
      final Map<String, Object> groupMap = (Map<String, Object>) group;
      assertThat(groupMap).containsKeys("name", "rules");
      ((List<?>) groupMap.get("rules")).forEach(rule -> rules.add((Map<String, Object>) rule));
    }
    return rules;
  }
}
