package io.zkstateless.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The zk-stateless chart driven through helm-java (Helm's Go library over JNA): no helm binary, no
 * cluster. Renders and lints exactly as {@code helm template} / {@code helm lint} do.
 */
final class HelmChart {

  static final String RELEASE = "zk";
  static final String NAMESPACE = "zk-stateless";

  /** The release name is not the chart name, so objects are called {@code zk-zk-stateless-*}. */
  static final String PREFIX = RELEASE + "-zk-stateless-";

  private HelmChart() {}

  /** {@code helm template zk <chart> -f <scenario> --set k=v...} parsed into objects. */
  static Manifests render(final Path valuesFile, final Map<String, Object> sets) {
    return Manifests.parse(
        renderText(valuesFile, sets), "helm template -f " + valuesFile.getFileName());
  }

  static Manifests render(final Path valuesFile) {
    return render(valuesFile, Map.of());
  }

  static String renderText(final Path valuesFile, final Map<String, Object> sets) {
    TemplateCommand template =
        new Helm(DeployPaths.chart())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.31.0")
            .withValuesFile(valuesFile);
    for (final Map.Entry<String, Object> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return template.call();
  }

  static Path scenario(final String fileName) {
    return DeployPaths.chartValuesScenarios().resolve(fileName);
  }

  /**
   * {@code helm lint} of the chart with a scenario's values. helm-java's lint reads only the
   * chart's own values.yaml, so it lints a copy whose values.yaml is the Helm merge of both.
   */
  static LintResult lint(final Path valuesFile, final Path workDir) {
    final Path copy = workDir.resolve("zk-stateless");
    copyTree(DeployPaths.chart(), copy);
    final Map<String, Object> merged =
        HelmValues.merge(
            HelmValues.read(DeployPaths.chart().resolve("values.yaml")),
            HelmValues.read(valuesFile));
    write(copy.resolve("values.yaml"), HelmValues.toYaml(merged));
    return new Helm(copy).lint().strict().call();
  }

  private static void copyTree(final Path from, final Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (final Path source : (Iterable<Path>) paths::iterator) {
        final Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(final Path file, final String text) {
    try {
      Files.writeString(file, text);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
