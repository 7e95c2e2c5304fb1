package io.zkstateless.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The services' Spring Boot jars ({@code <service>/target/<service>-<version>-exec.jar}). */
final class ServiceJars {

  private static final String BUILD = "./mvnw -pl :devnet -am package -DskipTests";

  private ServiceJars() {}

  /**
   * One jar per service name ({@code validator} for {@code validator-service}), in order.
   *
   * @throws IllegalStateException naming the build command if one is missing
   */
  static List<Path> locate(final Path repository, final List<String> services) {
    final List<Path> jars = new ArrayList<>();
    for (final String service : services) {
      final Path target = repository.resolve(service + "-service").resolve("target");
      try (Stream<Path> files = Files.list(target)) {
        jars.add(
            files
                .filter(p -> p.getFileName().toString().matches(service + "-service-.*-exec\\.jar"))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "No " + service + "-service exec jar in " + target + "; build first: "
                                + BUILD)));
      } catch (final IOException e) {
        throw new IllegalStateException("No " + target + "; build first: " + BUILD, e);
      }
    }
    return jars;
  }
}
