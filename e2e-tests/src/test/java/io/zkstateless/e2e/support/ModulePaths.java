package io.zkstateless.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Files of sibling modules, found from the e2e-tests module or from the repository root. */
public final class ModulePaths {

  private ModulePaths() {}

  /** The repository root (the directory holding the service modules). */
  public static Path repositoryRoot() {
    final Path moduleDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (final Path root : List.of(moduleDir.getParent(), moduleDir)) {
      if (Files.isRegularFile(
          root.resolve("broadcaster-service/src/main/resources/application.yaml"))) {
        return root;
      }
    }
    throw new IllegalStateException(
        "Cannot find the service modules next to "
            + moduleDir
            + "; run the test from the e2e-tests module or the repository root");
  }

  /** {@code <service>-service/src/main/resources}. */
  public static Path serviceResources(final String service) {
    return repositoryRoot().resolve(service + "-service/src/main/resources");
  }

  /** The js-libp2p interop peer's directory in common-p2p. */
  public static Path jsPeerDirectory() {
    return repositoryRoot().resolve("common-p2p/src/test/js");
  }

  /** The broadcaster's Spring Boot exec jar, if the reactor has packaged it. */
  public static Optional<Path> broadcasterExecJar() {
    return execJar("broadcaster");
  }

  /** {@code <service>-service/target/*-exec.jar}, if the reactor has packaged it. */
  public static Optional<Path> execJar(final String service) {
    final Path target = repositoryRoot().resolve(service + "-service/target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (var files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst();
    } catch (final java.io.IOException e) {
      return Optional.empty();
    }
  }
}
