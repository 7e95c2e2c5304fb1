package io.zkstateless.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} passes for the chart with each scenario under ci/. */
class HelmLintTest {

  static Stream<Path> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(DeployPaths.chartValuesScenarios())) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreScenariosToLint() throws IOException {
    assertThat(scenarios().map(file -> file.getFileName().toString()))
        .contains(
            "values-default.yaml",
            "values-external-deps.yaml",
            "values-gpu.yaml",
            "values-minimal.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void lintPasses(final Path scenario, @TempDir final Path work) {
    final LintResult result = HelmChart.lint(scenario, work);

    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
  }

  @Test
  void lintChecksValuesAgainstTheSchema(@TempDir final Path work) throws IOException {
    // helm lint ignores `fail` and `required` in templates; values.schema.json is what it enforces.
    final Path shortToken = work.resolve("short-token.yaml");
    Files.writeString(shortToken, "adminToken:\n  value: too-short\n");

    final LintResult result = HelmChart.lint(shortToken, work.resolve("chart"));

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("adminToken", "value");
  }

  @Test
  void lintRejectsAMistypedKey(@TempDir final Path work) throws IOException {
    final Path typo = work.resolve("typo.yaml");
    Files.writeString(typo, "prover:\n  enable: false\n");

    final LintResult result = HelmChart.lint(typo, work.resolve("chart"));

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("enable");
  }
}
