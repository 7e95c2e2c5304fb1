package io.zkstateless.common.p2p.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The js-libp2p interop peer ({@code src/test/js/interop-peer.mjs}) as a subprocess speaking JSON
 * lines. Node 20 needs the {@code Promise.withResolvers} polyfill, loaded with {@code --import}.
 */
final class JsLibp2pPeer implements AutoCloseable {

  static final Path JS_DIR = Path.of("src/test/js");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

  private JsLibp2pPeer(final Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    final Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(JSON.readTree(line));
                }
              } catch (final IOException e) {
                // the process ended
              }
            },
            "js-libp2p-peer-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Why the peer cannot run here, if it cannot. */
  static Optional<String> unavailableReason() {
    try {
      final Process probe =
          new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
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
    if (!Files.isDirectory(JS_DIR.resolve("node_modules/libp2p"))) {
      return Optional.of(
          "the js packages are not installed: run `npm ci` in common-p2p/src/test/js");
    }
    return Optional.empty();
  }

  /**
   * Starts a peer whose identity key is of {@code keyType} ({@code secp256k1}, {@code Ed25519}).
   */
  static JsLibp2pPeer start(final Path stderrLog, final String keyType) throws IOException {
    return start(stderrLog, keyType, "default");
  }

  /**
   * Starts a peer whose gossipsub is configured as {@code gossipMode} says: {@code default}
   * (js-libp2p's StrictNoSign message id, SHA-256 of the data) or {@code eth2} (the Altair message
   * id and snappy as the data transform, as an eth2 client runs it).
   */
  static JsLibp2pPeer start(final Path stderrLog, final String keyType, final String gossipMode)
      throws IOException {
    final Process process =
        new ProcessBuilder(
                "node", "--import", "./polyfill.mjs", "interop-peer.mjs", keyType, gossipMode)
            .directory(JS_DIR.toFile())
            .redirectError(stderrLog.toFile())
            .start();
    return new JsLibp2pPeer(process);
  }

  /** Runs {@code node <script> <args>} in the js directory and returns its standard output. */
  static String runScript(final String script, final String... args)
      throws IOException, InterruptedException {
    final List<String> command =
        new ArrayList<>(List.of("node", "--import", "./polyfill.mjs", script));
    command.addAll(List.of(args));
    final Process process =
        new ProcessBuilder(command).directory(JS_DIR.toFile()).redirectErrorStream(true).start();
    final String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError(script + " failed: " + output);
    }
    return output.strip();
  }

  /** The next JSON line matching {@code filter}, skipping others. */
  JsonNode await(final Predicate<JsonNode> filter, final Duration timeout)
      throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final JsonNode line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("js peer sent no matching line within " + timeout);
      }
      if (filter.test(line)) {
        return line;
      }
    }
  }

  void send(final String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
