package io.zkstateless.validator.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code /usr/bin/chromium} run headless, one process per call, each with a fresh
 * profile and everything that would reach the internet switched off. {@code --virtual-time-budget}
 * lets the page run its scripts and fetches before the DOM or screenshot is taken.
 */
final class HeadlessChromium {

  static final Path BINARY = Paths.get("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 60;

  private HeadlessChromium() {}

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** The page's DOM after its scripts ran for {@code budgetMillis} of virtual time. */
  static String dumpDom(final String url, final int budgetMillis) throws IOException, InterruptedException {
    return run(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url));
  }

  /** A PNG of the page at 1280x900, written to {@code file}. */
  static void screenshot(final String url, final int budgetMillis, final Path file) throws IOException, InterruptedException {
    run(List.of("--virtual-time-budget=" + budgetMillis, "--window-size=1280,900",
        "--hide-scrollbars", "--screenshot=" + file.toAbsolutePath(), url));
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      throw new IOException("chromium wrote no screenshot to " + file);
    }
  }

  private static String run(final List<String> arguments) throws IOException, InterruptedException {
    final Path profile = Files.createTempDirectory("chromium-profile");
    final Path stdout = Files.createTempFile("chromium", ".out");
    final Path stderr = Files.createTempFile("chromium", ".log");
    final List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(arguments);
    // Output to files, not pipes: a full pipe would block chromium, and the timeout must stay in force.
    final Process process =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("chromium did not exit within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      deleteRecursively(profile);
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static void deleteRecursively(final Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (final Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
