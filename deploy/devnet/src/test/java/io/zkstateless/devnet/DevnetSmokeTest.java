package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the real devnet ({@code DevnetMain} in its own JVM, as {@code devnet.sh} does) for a short
 * while on free ports, then checks that blocks got proven through the whole pipeline and that
 * every process it started, PostgreSQL's included, is gone afterwards.
 */
class DevnetSmokeTest {

  private static final Pattern STARTED = Pattern.compile("^devnet: started (\\S+) pid=(\\d+)");
  private static final Pattern PROGRESS =
      Pattern.compile(
          "^\\[[0-9:]+] slot (\\d+) \\| optimistic (\\d+) .*\\| proven (\\d+) .*subnet 0 witness=(\\d+)"
              + ".*\\| accepted (\\d+) rejected (\\d+)$");

  @Test
  void provesBlocksEndToEndAndLeavesNoProcessBehind() throws Exception {
    final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    final Path repository = module.getParent().getParent();
    final Path runDir = module.resolve("target/smoke-run-" + ProcessHandle.current().pid());
    for (final String service : List.of("prover", "broadcaster", "validator")) {
      try (var jars = Files.list(repository.resolve(service + "-service/target"))) {
        assumeTrue(
            jars.anyMatch(p -> p.getFileName().toString().endsWith("-exec.jar")),
            "no " + service + "-service exec jar: run the package phase (./mvnw verify) first");
      } catch (final java.nio.file.NoSuchFileException e) {
        assumeTrue(false, service + "-service is not built");
      }
    }
    final String classpath =
        module.resolve("target/classes")
            + java.io.File.pathSeparator
            + Files.readString(module.resolve("target/devnet.classpath")).trim();
    final List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-Ddevnet.repository=" + repository,
            "-cp",
            classpath,
            DevnetMain.class.getName(),
            "--free-ports",
            "--slot-time",
            "2",
            "--mock-proving-time",
            "0.2",
            "--duration",
            "24",
            "--run-dir",
            runDir.toString());
    final Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    final Thread reader = Thread.ofPlatform().start(() -> collect(launcher, output));
    final boolean exited = launcher.waitFor(4, TimeUnit.MINUTES);
    if (!exited) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
    reader.join(10_000);
    final String transcript = String.join("\n", output);
    System.out.println(transcript);

    assertThat(exited).as("the launcher stops by itself after --duration").isTrue();
    assertThat(launcher.exitValue()).as(transcript).isZero();

    final List<Long> pids = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();
    for (final String line : output) {
      final Matcher started = STARTED.matcher(line);
      if (started.find()) {
        names.add(started.group(1));
        pids.add(Long.parseLong(started.group(2)));
      }
      final Matcher row = PROGRESS.matcher(line);
      if (row.find()) {
        progress.add(
            new long[] {
              Long.parseLong(row.group(3)), Long.parseLong(row.group(4)),
              Long.parseLong(row.group(5)), Long.parseLong(row.group(6))
            });
      }
    }
    assertThat(names)
        .contains(
            "simulated-chain",
            "kafka",
            "postgres",
            "validator-service",
            "broadcaster-service",
            "prover-service");
    assertThat(progress).as(transcript).hasSizeGreaterThanOrEqualTo(5);
    final long[] first = progress.getFirst();
    final long[] last = progress.getLast();
    assertThat(last[0]).as("proven head advanced by at least 3 slots").isGreaterThanOrEqualTo(first[0] + 3);
    assertThat(last[1]).as("witness proofs (subnet 0) verified").isPositive();
    assertThat(last[2]).as("proofs accepted").isPositive();
    assertThat(last[3]).as("proofs rejected").isZero();

    for (final long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("process %d still alive", pid)
          .isFalse();
    }
    // Nothing that mentions the run directory (the postmaster's -D, every JVM's logs) survives.
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(runDir.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList())
        .isEmpty();
  }

  private static void collect(final Process process, final List<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (final IOException e) {
      lines.add("(reading the launcher's output failed: " + e + ")");
    }
  }
}
