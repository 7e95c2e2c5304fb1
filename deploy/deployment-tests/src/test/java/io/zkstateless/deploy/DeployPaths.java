package io.zkstateless.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deployment files live. Surefire passes the directories as system properties; a run from
 * an IDE whose working directory is this module falls back to the same relative paths.
 */
final class DeployPaths {

  private DeployPaths() {}

  /** The repository root. */
  static Path repo() {
    return existing(System.getProperty("repo.dir", "../.."));
  }

  /** {@code deploy/}. */
  static Path deploy() {
    return existing(System.getProperty("deploy.dir", ".."));
  }

  static Path chart() {
    return existing(deploy().resolve("helm/zk-stateless").toString());
  }

  static Path chartValuesScenarios() {
    return existing(chart().resolve("ci").toString());
  }

  static Path kustomize() {
    return existing(repo().resolve("k8s").toString());
  }

  static Path grafanaDashboards() {
    return existing(deploy().resolve("grafana").toString());
  }

  static Path prometheusRules() {
    return existing(deploy().resolve("prometheus").toString());
  }

  private static Path existing(final String path) {
    final Path resolved = Path.of(path).toAbsolutePath().normalize();
    if (!Files.isDirectory(resolved)) {
      throw new IllegalStateException("missing directory " + resolved);
    }
    return resolved;
  }
}
