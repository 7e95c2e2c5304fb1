package io.zkstateless.common.test.lodestar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code npm ci} put Lodestar 1.5.1: {@code common-test/lodestar/} of this repository (found
 * from the working directory of any module, as surefire runs tests in the module's directory), or
 * the directory named by the system property {@value #DIR_PROPERTY}.
 */
public final class LodestarInstall {

  /** System property naming the directory that holds {@code package.json} and {@code node_modules}. */
  public static final String DIR_PROPERTY = "lodestar.dir";

  private static final Path RELATIVE = Path.of("common-test", "lodestar");
  private static final Path ENTRY_POINT =
      Path.of("node_modules", "@chainsafe", "lodestar", "lib", "index.js");

  private LodestarInstall() {}

  /** The install directory (it may lack {@code node_modules}; see {@link #unavailableReason}). */
  public static Path directory() {
    final String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(RELATIVE).resolve("package.json"))) {
        return dir.resolve(RELATIVE);
      }
    }
    return Path.of("").toAbsolutePath().resolve(RELATIVE);
  }

  /** {@code lodestar}'s JavaScript entry point. */
  public static Path entryPoint() {
    return directory().resolve(ENTRY_POINT);
  }

  /** The {@code Promise.withResolvers} polyfill that Node 20 needs for a drifted dependency. */
  public static Path polyfill() {
    return directory().resolve("polyfill.mjs");
  }

  /** Why Lodestar cannot run here (for a JUnit assumption), or empty when it can. */
  public static Optional<String> unavailableReason() {
    try {
      final Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!probe.waitFor(10, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        probe.destroyForcibly();
        return Optional.of("`node --version` failed");
      }
    } catch (final IOException e) {
      return Optional.of("node is not on the PATH");
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
    if (!Files.isRegularFile(entryPoint())) {
      return Optional.of("Lodestar is not installed: run `npm ci` in " + directory());
    }
    return Optional.empty();
  }
}
