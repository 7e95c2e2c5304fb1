package io.zkstateless.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders each scenario once per test run; rendering goes through Helm's native library. */
final class ChartScenarios {

  static final String DEFAULT = "values-default.yaml";
  static final String EXTERNAL_DEPS = "values-external-deps.yaml";
  static final String GPU = "values-gpu.yaml";
  static final String MINIMAL = "values-minimal.yaml";
  static final String MONITORING = "values-monitoring.yaml";

  private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

  private ChartScenarios() {}

  static Manifests rendered(final String scenario) {
    return RENDERED.computeIfAbsent(scenario, name -> HelmChart.render(HelmChart.scenario(name)));
  }
}
