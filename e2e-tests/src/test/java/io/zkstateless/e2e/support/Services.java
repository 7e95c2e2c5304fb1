package io.zkstateless.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the services as Spring contexts in this JVM, each on its own module's {@code
 * application.yaml} and Flyway migrations: all three jars carry a root {@code application.yaml}
 * (and two a {@code db/migration/V1__*.sql}), and in one classpath only the first of each would be
 * found. Closes what it started in reverse order.
 */
public final class Services implements AutoCloseable {

  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

  public ConfigurableApplicationContext start(
      final Class<?> application, final String service, final List<String> args) {
    return start(application, service, args, context -> {});
  }

  /** As {@link #start(Class, String, List)}, with an initializer run before the beans exist. */
  public ConfigurableApplicationContext start(
      final Class<?> application,
      final String service,
      final List<String> args,
      final ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
    final Path resources = ModulePaths.serviceResources(service);
    final List<String> all = new ArrayList<>(args);
    all.add("--spring.config.location=file:" + resources.resolve("application.yaml"));
    final Path migrations = resources.resolve("db/migration");
    if (Files.isDirectory(migrations)) {
      all.add("--spring.flyway.locations=filesystem:" + migrations);
    }
    final ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .initializers(initializer)
            .run(all.toArray(String[]::new));
    contexts.add(context);
    return context;
  }

  /** The contexts started so far, oldest first. */
  public List<ConfigurableApplicationContext> contexts() {
    return List.copyOf(contexts);
  }

  /** Closes one context now (a graceful Spring shutdown, not a crash). */
  public void stop(final ConfigurableApplicationContext context) {
    contexts.remove(context);
    context.close();
  }

  @Override
  public void close() {
    for (int i = contexts.size() - 1; i >= 0; i--) {
      contexts.get(i).close();
    }
    contexts.clear();
  }
}
