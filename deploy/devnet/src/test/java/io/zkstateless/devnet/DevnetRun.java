package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the real launcher ({@code DevnetMain} in its own JVM, as {@code devnet.sh} runs it)
 * on free ports with the given options, until it stops by itself ({@code --duration}); then what
 * it printed: the processes it started and the progress lines.
 */
final class DevnetRun {

  private static final Pattern STARTED = Pattern.compile("^devnet: started (\\S+) pid=(\\d+)");
  private static final Pattern PROGRESS =
      Pattern.compile(
          "^\\[[0-9:]+] slot (\\d+) \\| optimistic (\\d+) .*\\| proven (\\d+) .*subnet 0 witness=(\\d+)"
              + ".*\\| accepted (\\d+) rejected (\\d+)$");

  /** One progress line: the proven slot, witness proofs verified, proofs accepted and rejected. */
  record Progress(long provenSlot, long witnessVerified, long accepted, long rejected) {}

  /** A process the launcher said it started. */
  record Started(String name, long pid) {}

  final Path runDir;
  final List<String> output = Collections.synchronizedList(new ArrayList<>());
  boolean exited;
  int exitValue = -1;

  private DevnetRun(final Path runDir) {
    this.runDir = runDir;
  }

  /** Skips the test unless the three services' exec jars exist (the package phase made them). */
  static Path assumeServicesBuilt() throws IOException {
    final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    final Path repository = module.getParent().getParent();
    for (final String service : List.of("prover", "broadcaster", "validator")) {
      try (var jars = Files.list(repository.resolve(service + "-service/target"))) {
        assumeTrue(
            jars.anyMatch(p -> p.getFileName().toString().endsWith("-exec.jar")),
            "no " + service + "-service exec jar: run the package phase (./mvnw verify) first");
      } catch (final NoSuchFileException e) {
        assumeTrue(false, service + "-service is not built");
      }
    }
    return repository;
  }

  /** Runs the launcher with {@code --free-ports --run-dir <fresh dir>} and {@code options}. */
  static DevnetRun launch(final String name, final List<String> options) throws Exception {
    final Path repository = assumeServicesBuilt();
    final Path module = repository.resolve("deploy/devnet");
    final DevnetRun run =
        new DevnetRun(module.resolve("target/" + name + "-" + ProcessHandle.current().pid()));
    final String classpath =
        module.resolve("target/classes")
            + File.pathSeparator
            + Files.readString(module.resolve("target/devnet.classpath")).trim();
    final List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-Ddevnet.repository=" + repository,
                "-cp",
                classpath,
                DevnetMain.class.getName(),
                "--free-ports",
                "--run-dir",
                run.runDir.toString()));
    command.addAll(options);
    final Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
    final Thread reader = Thread.ofPlatform().start(() -> collect(launcher, run.output));
    run.exited = launcher.waitFor(4, TimeUnit.MINUTES);
    if (!run.exited) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
    reader.join(10_000);
    run.exitValue = run.exited ? launcher.exitValue() : -1;
    System.out.println(run.transcript());
    return run;
  }

  String transcript() {
    return String.join("\n", output);
  }

  List<Started> started() {
    final List<Started> started = new ArrayList<>();
    for (final String line : lines()) {
      final Matcher matcher = STARTED.matcher(line);
      if (matcher.find()) {
        started.add(new Started(matcher.group(1), Long.parseLong(matcher.group(2))));
      }
    }
    return started;
  }

  List<Progress> progress() {
    final List<Progress> progress = new ArrayList<>();
    for (final String line : lines()) {
      final Matcher row = PROGRESS.matcher(line);
      if (row.find()) {
        progress.add(
            new Progress(
                Long.parseLong(row.group(3)), Long.parseLong(row.group(4)),
                Long.parseLong(row.group(5)), Long.parseLong(row.group(6))));
      }
    }
    return progress;
  }

  /**
   * The launcher stopped by itself with exit code 0; the proven head advanced by at least {@code
   * minAdvance} slots; witness proofs were verified and none rejected.
   */
  void assertProvedBlocks(final int minAdvance) {
    final String transcript = transcript();
    assertThat(exited).as("the launcher stops by itself after --duration").isTrue();
    assertThat(exitValue).as(transcript).isZero();
    final List<Progress> progress = progress();
    assertThat(progress).as(transcript).hasSizeGreaterThanOrEqualTo(5);
    final Progress first = progress.getFirst();
    final Progress last = progress.getLast();
    assertThat(last.provenSlot())
        .as("proven head advanced by at least %d slots", minAdvance)
        .isGreaterThanOrEqualTo(first.provenSlot() + minAdvance);
    assertThat(last.witnessVerified()).as("witness proofs (subnet 0) verified").isPositive();
    assertThat(last.accepted()).as("proofs accepted").isPositive();
    assertThat(last.rejected()).as("proofs rejected").isZero();
  }

  /** Every process it started is gone, and nothing that mentions the run directory survives. */
  void assertNothingLeftBehind() {
    for (final Started process : started()) {
      assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false))
          .as("%s (pid %d) still alive", process.name(), process.pid())
          .isFalse();
    }
    // The postmaster's -D, Lodestar's --dataDir and every JVM's arguments name the run directory.
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(runDir.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList())
        .isEmpty();
  }

  private List<String> lines() {
    synchronized (output) {
      return List.copyOf(output);
    }
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
