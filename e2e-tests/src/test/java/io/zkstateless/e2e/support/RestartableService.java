package io.zkstateless.e2e.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A service that a test kills with {@code kill -9} and starts again, always with the same jar,
 * arguments (so the same ports, identity key and database) and log file, as a supervisor such as
 * Kubernetes would restart a crashed pod.
 */
public final class RestartableService implements AutoCloseable {

  private final String name;
  private final Path jar;
  private final List<String> args;
  private final Path log;
  private final ServiceHttp http;
  private volatile ServiceProcess current;
  private int starts;

  /**
   * @param httpPort the port passed as {@code --server.port} in {@code args}, polled for liveness
   */
  public RestartableService(
      final String name,
      final Path jar,
      final List<String> args,
      final Path log,
      final int httpPort) {
    this.name = name;
    this.jar = jar;
    this.args = List.copyOf(args);
    this.log = log;
    this.http = new ServiceHttp(httpPort);
  }

  public String name() {
    return name;
  }

  public ServiceHttp http() {
    return http;
  }

  /** Starts a new JVM (the previous one must be dead). */
  public synchronized void start() throws IOException {
    if (current != null && current.isAlive()) {
      throw new IllegalStateException(name + " is still running as pid " + current.pid());
    }
    starts++;
    current = ServiceProcess.start(name + "#" + starts, jar, args, log);
  }

  /** SIGKILL of the running JVM; returns its pid. */
  public synchronized long kill() {
    final ServiceProcess running = Optional.ofNullable(current).orElseThrow();
    running.kill();
    return running.pid();
  }

  /** Running and its liveness probe answers UP. */
  public boolean isLive() {
    final ServiceProcess running = current;
    return running != null && running.isAlive() && http.isLive();
  }

  public synchronized int starts() {
    return starts;
  }

  @Override
  public synchronized void close() {
    if (current != null) {
      current.close();
    }
  }
}
