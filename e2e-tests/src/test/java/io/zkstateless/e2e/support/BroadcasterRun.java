package io.zkstateless.e2e.support;

import io.zkstateless.broadcaster.BroadcasterApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run of the broadcaster that a test can crash: the packaged exec jar as a child process
 * killed with SIGKILL when the reactor has built the jar, else a Spring context in this JVM closed
 * at once.
 *
 * <p>The two crashes differ for Kafka offsets. {@code kill -9} stops the consumer wherever it is:
 * a proof published (and its result written) whose offset was not yet committed is redelivered to
 * the next run and published again. Closing the context is a graceful stop: the listener
 * containers finish the record in hand, give the results in flight 5 s to be acknowledged, commit
 * the acknowledged offsets and leave the group, so normally nothing is redelivered; it proves
 * restart safety, not crash safety.
 */
public sealed interface BroadcasterRun extends AutoCloseable {

  /** Stops the broadcaster abruptly. */
  void crash();

  /** "child process (kill -9)" or "in-JVM context (close)". */
  String kind();

  @Override
  void close();

  /**
   * Starts the broadcaster with {@code args} (as built by {@link ServiceArgs#broadcaster}): as a
   * child process if {@code exec} is present, else in this JVM through {@code services}.
   */
  static BroadcasterRun start(
      final Optional<Path> exec, final List<String> args, final Services services, final Path log)
      throws IOException {
    if (exec.isPresent()) {
      return ChildProcess.start(exec.get(), args, log);
    }
    final List<String> inJvm = new ArrayList<>(args);
    inJvm.add(
        "--spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    return new InJvm(services.start(BroadcasterApplication.class, "broadcaster", inJvm), services);
  }

  /** {@code java -jar broadcaster-service-*-exec.jar}, killed with SIGKILL. */
  record ChildProcess(Process process) implements BroadcasterRun {

    static ChildProcess start(final Path jar, final List<String> args, final Path log)
        throws IOException {
      final String java = ProcessHandle.current().info().command().orElse("java");
      final List<String> command =
          new ArrayList<>(
              List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
      command.addAll(args);
      return new ChildProcess(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start());
    }

    @Override
    public void crash() {
      // Process.destroyForcibly is SIGKILL on Linux: no shutdown hook, no offset commit.
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String kind() {
      return "child process (kill -9)";
    }

    @Override
    public void close() {
      crash();
    }
  }

  /** A Spring context in this JVM, closed. */
  record InJvm(ConfigurableApplicationContext context, Services services)
      implements BroadcasterRun {

    @Override
    public void crash() {
      services.stop(context);
    }

    @Override
    public String kind() {
      return "in-JVM context (close)";
    }

    @Override
    public void close() {
      if (context.isActive()) {
        services.stop(context);
      }
    }
  }
}
