package io.zkstateless.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the devnet's processes, each with its output in its own log file, and stops every one of
 * them by PID: children in reverse start order, each with its descendants, first asked (SIGTERM),
 * then killed (SIGKILL) if still alive after the grace period. Processes the devnet did not spawn
 * itself but owns (the PostgreSQL server, which detaches from its launcher) are adopted by PID.
 */
public final class ProcessSupervisor {

  /** How long stopped processes get to exit before they are killed. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

  private final PrintStream out;
  private final Duration grace;
  private final List<Owned> owned = new ArrayList<>();
  private boolean stopped;

  public ProcessSupervisor(final PrintStream out) {
    this(out, DEFAULT_GRACE);
  }

  public ProcessSupervisor(final PrintStream out, final Duration grace) {
    this.out = out;
    this.grace = grace;
  }

  /**
   * One process the devnet owns.
   *
   * @param oneShot a command expected to exit by itself (formatting storage), not a server
   * @param grace how long it gets to exit after SIGTERM before it is killed
   */
  public record Owned(String name, ProcessHandle handle, Path log, boolean oneShot, Duration grace) {}

  /** Starts a server process with stdout and stderr appended to {@code log}. */
  public Process start(
      final String name, final List<String> command, final Map<String, String> env, final Path log) {
    return start(name, command, env, log, null, grace, false);
  }

  /**
   * Starts a server process in {@code directory} that gets only {@code processGrace} to stop
   * before it is killed (one whose graceful stop is known to hang).
   */
  public Process start(
      final String name,
      final List<String> command,
      final Map<String, String> env,
      final Path log,
      final Path directory,
      final Duration processGrace) {
    return start(name, command, env, log, directory, processGrace, false);
  }

  /** Starts a command that is expected to exit by itself; it is still stopped with the rest. */
  public Process startOneShot(final String name, final List<String> command, final Path log) {
    return start(name, command, Map.of(), log, null, grace, true);
  }

  private synchronized Process start(
      final String name,
      final List<String> command,
      final Map<String, String> env,
      final Path log,
      final Path directory,
      final Duration processGrace,
      final boolean oneShot) {
    if (stopped) {
      throw new IllegalStateException("the devnet is stopping; not starting " + name);
    }
    final ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    final Process process;
    try {
      process = builder.start();
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command.getFirst(), e);
    }
    owned.add(new Owned(name, process.toHandle(), log, oneShot, processGrace));
    out.printf("devnet: started %s pid=%d (log %s)%n", name, process.pid(), log);
    return process;
  }

  /** Takes ownership of a process started some other way, to stop it with the rest. */
  public synchronized void adopt(final String name, final long pid, final Path log) {
    final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      throw new IllegalStateException(name + " pid " + pid + " is not running");
    }
    owned.add(new Owned(name, handle.get(), log, false, grace));
    out.printf("devnet: started %s pid=%d (log %s)%n", name, pid, log);
  }

  /** Whether {@link #stopAll()} has begun (Ctrl-C, the duration, a failure). */
  public synchronized boolean stopping() {
    return stopped;
  }

  public synchronized List<Owned> owned() {
    return List.copyOf(owned);
  }

  /** The first owned server process that has exited by itself, if any (none once stopping). */
  public synchronized Optional<Owned> firstExited() {
    if (stopped) {
      return Optional.empty();
    }
    return owned.stream().filter(p -> !p.oneShot() && !p.handle().isAlive()).findFirst();
  }

  /**
   * Stops one process (and its descendants) before the rest, e.g. to start it again; it is no
   * longer owned afterwards.
   */
  public void stop(final Process process) {
    final Optional<Owned> found;
    synchronized (this) {
      found = owned.stream().filter(p -> p.handle().pid() == process.pid()).findFirst();
      found.ifPresent(owned::remove);
    }
    found.ifPresent(this::stop);
  }

  /** Stops every owned process and its descendants; idempotent. */
  public void stopAll() {
    final List<Owned> toStop;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      toStop = new ArrayList<>(owned);
    }
    for (int i = toStop.size() - 1; i >= 0; i--) {
      stop(toStop.get(i));
    }
    final long alive = toStop.stream().filter(p -> p.handle().isAlive()).count();
    out.printf("devnet: stopped %d processes, %d still alive%n", toStop.size(), alive);
  }

  private void stop(final Owned process) {
    final List<ProcessHandle> tree = new ArrayList<>(process.handle().descendants().toList());
    tree.addFirst(process.handle());
    tree.forEach(ProcessHandle::destroy);
    final boolean exited = awaitExit(tree, process.grace());
    if (!exited) {
      out.printf(
          "devnet: %s did not stop within %d ms; killing it%n",
          process.name(), process.grace().toMillis());
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, Duration.ofSeconds(5));
    }
    out.printf(
        "devnet: stopped %s pid=%d%s%n",
        process.name(), process.handle().pid(), process.handle().isAlive() ? " (STILL ALIVE)" : "");
  }

  private static boolean awaitExit(final List<ProcessHandle> processes, final Duration timeout) {
    final CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (final TimeoutException e) {
      return false;
    } catch (final ExecutionException e) {
      return processes.stream().noneMatch(ProcessHandle::isAlive);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return processes.stream().noneMatch(ProcessHandle::isAlive);
    }
  }
}
