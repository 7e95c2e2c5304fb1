package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (sh, sleep): what stopAll leaves behind is checked by PID. */
class ProcessSupervisorTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ProcessSupervisor supervisor =
      new ProcessSupervisor(
          new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMillis(1500));

  @Test
  void stopsEveryProcessWithItsDescendants() throws Exception {
    final Process parent = start("parent", "sleep 60 & sleep 60 & wait");
    final List<ProcessHandle> tree = awaitDescendants(parent, 2);

    supervisor.stopAll();

    assertThat(parent.isAlive()).isFalse();
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("started parent pid=" + parent.pid(), "stopped 1 processes, 0 still alive");
  }

  @Test
  void killsWhatIgnoresTheRequestToStop() throws Exception {
    // The shell and its sleep both ignore SIGTERM (the ignore is inherited).
    final Process stubborn = start("stubborn", "trap '' TERM; sleep 60 & wait");
    final List<ProcessHandle> tree = awaitDescendants(stubborn, 1);

    supervisor.stopAll();

    assertThat(stubborn.isAlive()).isFalse();
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stubborn did not stop within");
  }

  @Test
  void stopsOneProcessEarlyInItsDirectoryWithItsOwnGrace() throws Exception {
    final Path home = Files.createDirectories(dir.resolve("home"));
    final Process stubborn =
        supervisor.start(
            "stubborn",
            List.of("sh", "-c", "pwd; trap '' TERM; sleep 60 & wait"),
            Map.of(),
            dir.resolve("stubborn.log"),
            home,
            Duration.ofMillis(200));
    final Process other = start("other", "sleep 60");
    awaitDescendants(stubborn, 1);

    supervisor.stop(stubborn);

    assertThat(stubborn.isAlive()).isFalse();
    assertThat(other.isAlive()).isTrue();
    assertThat(supervisor.owned()).extracting(ProcessSupervisor.Owned::name).containsExactly("other");
    assertThat(Files.readString(dir.resolve("stubborn.log")).trim()).isEqualTo(home.toRealPath().toString());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stubborn did not stop within 200 ms");
    supervisor.stopAll();
    assertThat(other.isAlive()).isFalse();
  }

  @Test
  void reportsAServerThatExitedButNotAOneShotCommand() throws Exception {
    final Process oneShot =
        supervisor.startOneShot("format", List.of("true"), dir.resolve("format.log"));
    oneShot.waitFor();
    assertThat(supervisor.firstExited()).isEmpty();

    final Process server = start("server", "exit 3");
    server.waitFor();
    assertThat(supervisor.firstExited()).get().extracting(ProcessSupervisor.Owned::name).isEqualTo("server");

    supervisor.stopAll();
    assertThat(supervisor.firstExited()).as("nothing is unexpected once stopping").isEmpty();
  }

  @Test
  void writesEachProcessOutputToItsLog() throws Exception {
    final Process process = start("talker", "echo hello from the talker");
    process.waitFor();
    assertThat(Files.readString(dir.resolve("talker.log"))).contains("hello from the talker");
  }

  private Process start(final String name, final String script) {
    return supervisor.start(name, List.of("sh", "-c", script), Map.of(), dir.resolve(name + ".log"));
  }

  private static List<ProcessHandle> awaitDescendants(final Process process, final int count)
      throws InterruptedException, IOException {
    final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      final List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
      if (tree.size() >= count) {
        return tree;
      }
      Thread.sleep(50);
    }
    throw new IOException("the shell did not start its children");
  }
}
