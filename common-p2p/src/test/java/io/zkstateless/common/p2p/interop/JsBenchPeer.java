package io.zkstateless.common.p2p.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark peer in a js-libp2p process ({@code src/test/js/bench-peer.mjs}). Every command gets
 * exactly one reply line, in order, so replies complete a FIFO of futures; {@code {"d": n}} lines
 * (deliveries so far) are not replies.
 */
final class JsBenchPeer implements BenchPeer {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Writer stdin;
  private final ConcurrentLinkedQueue<CompletableFuture<JsonNode>> replies =
      new ConcurrentLinkedQueue<>();
  private final Object deliveries = new Object();
  private final JsonNode hello;
  private long delivered;
  private volatile boolean tracking;

  private JsBenchPeer(final Process process) throws Exception {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    final CompletableFuture<JsonNode> helloLine = new CompletableFuture<>();
    replies.add(helloLine);
    final Thread reader = new Thread(this::readLines, "js-bench-peer-stdout");
    reader.setDaemon(true);
    reader.start();
    hello = helloLine.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  static JsBenchPeer start(final Path stderrLog, final List<String> dial) throws Exception {
    final Process process =
        new ProcessBuilder("node", "--import", "./polyfill.mjs", "bench-peer.mjs")
            .directory(JsLibp2pPeer.JS_DIR.toFile())
            .redirectError(stderrLog.toFile())
            .start();
    final JsBenchPeer peer = new JsBenchPeer(process);
    for (final String address : dial) {
      peer.call("dial " + address);
    }
    return peer;
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        final JsonNode json = JSON.readTree(line);
        if (json.has("d")) {
          synchronized (deliveries) {
            delivered = json.get("d").asLong();
            deliveries.notifyAll();
          }
        } else {
          final CompletableFuture<JsonNode> reply = replies.poll();
          if (reply != null) {
            reply.complete(json);
          }
        }
      }
    } catch (final IOException e) {
      // the process ended
    }
    replies.forEach(r -> r.completeExceptionally(new IOException("js bench peer ended")));
  }

  /** Sends a command without waiting for its reply. */
  private CompletableFuture<JsonNode> send(final String command) throws IOException {
    final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.add(reply);
    stdin.write(command + "\n");
    stdin.flush();
    return reply;
  }

  private JsonNode call(final String command) throws Exception {
    final JsonNode reply = send(command).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(command + ": " + reply.get("error").asString());
    }
    return reply;
  }

  /** Node's monotonic clock now, to check that it is the one {@link System#nanoTime} reads. */
  long monotonicNanos() throws Exception {
    return Long.parseLong(call("now").get("now").asString());
  }

  @Override
  public String name() {
    return "js";
  }

  @Override
  public String peerId() {
    return hello.get("peerId").asString();
  }

  @Override
  public String address() {
    return hello.get("addrs").get(0).asString();
  }

  @Override
  public void subscribe(final String topic) throws Exception {
    call("subscribe " + topic);
  }

  @Override
  public void awaitSubscriber(final String topic, final String peerId) throws Exception {
    call("await-subscriber " + topic + " " + peerId);
  }

  @Override
  public void publish(final String topic, final long firstSeq, final int count, final int size)
      throws IOException {
    // The reply comes when js has published them all; commands queue behind it meanwhile.
    send("publish " + topic + " " + count + " " + size + " " + firstSeq);
  }

  @Override
  public void paced(
      final String topic,
      final long firstSeq,
      final int count,
      final int size,
      final long intervalNanos)
      throws Exception {
    call("paced " + topic + " " + count + " " + size + " " + firstSeq + " " + intervalNanos);
  }

  @Override
  public void trackDeliveries(final boolean track) throws Exception {
    call("ack-every " + (track ? 1 : 0));
    tracking = track;
  }

  @Override
  public void awaitDelivered(final long count, final Duration timeout) throws Exception {
    final long deadline = System.nanoTime() + timeout.toNanos();
    if (tracking) {
      synchronized (deliveries) {
        while (delivered < count) {
          final long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new TimeoutException("js delivered " + delivered + " of " + count);
          }
          deliveries.wait(Math.max(1, left / 1_000_000));
        }
      }
      return;
    }
    // Without a line per message, ask for the count until it is reached.
    while (delivered() < count) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("js delivered " + delivered + " of " + count);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public long delivered() throws Exception {
    final long count = call("count").get("delivered").asLong();
    synchronized (deliveries) {
      delivered = Math.max(delivered, count);
      return delivered;
    }
  }

  @Override
  public long processCpuNanos() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  @Override
  public long[] takeLatencies() throws Exception {
    final JsonNode stats = call("stats").get("stats");
    final JsonNode values = stats.get("latenciesNanos");
    final long[] latencies = new long[values.size()];
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = values.get(i).asLong();
    }
    return latencies;
  }

  @Override
  public void close() throws InterruptedException, IOException {
    stdin.close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
