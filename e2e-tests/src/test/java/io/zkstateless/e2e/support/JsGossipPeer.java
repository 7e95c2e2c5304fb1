package io.zkstateless.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * common-p2p's js-libp2p interop peer ({@code common-p2p/src/test/js/interop-peer.mjs}, js-libp2p
 * and gossipsub at the versions pinned in its lockfile) as a child process speaking JSON lines. Its
 * commands are documented at the top of the script; here: {@code connect}, {@code subscribe},
 * {@code publish}, and the {@code gossip} lines it prints for every message received.
 */
public final class JsGossipPeer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> gossip = new LinkedBlockingQueue<>();
  private final String peerId;

  private JsGossipPeer(final Process process) throws InterruptedException {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    final Thread reader = new Thread(this::readLines, "js-gossip-peer-stdout");
    reader.setDaemon(true);
    reader.start();
    this.peerId = await(l -> l.has("peerId"), Duration.ofSeconds(30)).path("peerId").asString();
  }

  /** Why the peer cannot run here (node missing, or {@code npm ci} not run), if it cannot. */
  public static Optional<String> unavailableReason() {
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
    if (!Files.isDirectory(ModulePaths.jsPeerDirectory().resolve("node_modules/libp2p"))) {
      return Optional.of(
          "the js packages are not installed: run `npm ci` in common-p2p/src/test/js"
              + " (.ci/run does)");
    }
    return Optional.empty();
  }

  /** Starts a peer with a secp256k1 identity; its stderr goes to {@code stderrLog}. */
  public static JsGossipPeer start(final Path stderrLog) throws IOException, InterruptedException {
    final Process process =
        new ProcessBuilder(
                "node", "--import", "./polyfill.mjs", "interop-peer.mjs", "secp256k1")
            .directory(ModulePaths.jsPeerDirectory().toFile())
            .redirectError(stderrLog.toFile())
            .start();
    return new JsGossipPeer(process);
  }

  public String peerId() {
    return peerId;
  }

  /** Dials {@code address} and waits for the connection. */
  public void connect(final String address) throws IOException, InterruptedException {
    send("connect " + address);
    final JsonNode answer =
        await(l -> l.has("connected") || l.has("error"), Duration.ofSeconds(20));
    if (answer.has("error")) {
      throw new AssertionError("js peer could not dial " + address + ": " + answer);
    }
  }

  public void subscribe(final String topic) throws IOException, InterruptedException {
    send("subscribe " + topic);
    await(l -> topic.equals(l.path("subscribed").asString(null)), Duration.ofSeconds(10));
  }

  /** Publishes once {@code peer} has subscribed to the topic; returns how many peers got it. */
  public int publish(final String topic, final String dataHex, final String peer)
      throws IOException, InterruptedException {
    send("publish " + topic + " " + dataHex + " " + peer);
    final JsonNode answer =
        await(l -> l.has("published") || l.has("error"), Duration.ofSeconds(20));
    if (answer.has("error")) {
      throw new AssertionError("js peer could not publish on " + topic + ": " + answer);
    }
    return answer.path("published").asInt();
  }

  /** The next gossip message received: {@code {topic, data (hex), type, from}}. */
  public JsonNode nextGossip(final Duration timeout) throws InterruptedException {
    final JsonNode line = gossip.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (line == null) {
      throw new AssertionError("js peer received no gossip within " + timeout);
    }
    return line.path("gossip");
  }

  /** The gossip messages received and not yet taken, waiting {@code quiet} for stragglers. */
  public int pendingGossip(final Duration quiet) throws InterruptedException {
    Thread.sleep(quiet.toMillis());
    return gossip.size();
  }

  private JsonNode await(final Predicate<JsonNode> filter, final Duration timeout)
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

  private void send(final String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        final JsonNode json = JSON.readTree(line);
        // Gossip has a queue of its own: messages arrive while commands await their answers.
        (json.has("gossip") ? gossip : lines).add(json);
      }
    } catch (final IOException e) {
      // the process ended
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
