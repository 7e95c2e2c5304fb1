package io.zkstateless.e2e.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service as a child JVM ({@code java -jar <service>-service-*-exec.jar}), which a test can
 * crash with {@code kill -9}: {@link Process#destroyForcibly} is SIGKILL on Linux, so no shutdown
 * hook runs, no Kafka offset is committed, no database transaction is finished, and the libp2p
 * connections are torn down by the kernel, not closed.
 *
 * @param name what the test calls it ({@code validator}, {@code prover#2})
 * @param process the running JVM
 * @param log its stdout and stderr, appended across restarts
 */
public record ServiceProcess(String name, Process process, Path log) implements AutoCloseable {

  /** Starts {@code jar} with {@code args} on a small heap with a fast-starting JIT. */
  public static ServiceProcess start(
      final String name, final Path jar, final List<String> args, final Path log)
      throws IOException {
    final String java = ProcessHandle.current().info().command().orElse("java");
    final List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-jar",
                jar.toString()));
    command.addAll(args);
    final Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ServiceProcess(name, process, log);
  }

  /** SIGKILL, then waits (at most 10 s) for the kernel to reap it. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
