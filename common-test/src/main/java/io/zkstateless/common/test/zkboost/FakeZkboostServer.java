package io.zkstateless.common.test.zkboost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A zkboost v0.7 "Proof Node API" on 127.0.0.1 that speaks the REST contract of {@code
 * eth-act/zkboost@9be2085d:openapi.json} (see {@code docs/spec-execution-proofs.md} B.13):
 *
 * <ul>
 *   <li>{@code POST /v1/execution_proof_requests?proof_types=a,b}: the body must decode as an SSZ
 *       {@code NewPayloadRequest} (the {@code rootOf} function decodes and hashes it; any exception
 *       is a {@code 400}); unknown or empty types are {@code 400}; answers {@code
 *       {"new_payload_request_root": "0x.."}};
 *   <li>{@code GET /v1/execution_proof_requests[?new_payload_request_root=]}: SSE with {@code
 *       proof_complete} / {@code proof_failure}, keep-alive comments, and (with the filter) the
 *       cached completions of that root replayed first;
 *   <li>{@code GET /v1/execution_proofs/{root}/{type}}: the proof bytes, {@code 404} when not ready
 *       or evicted (LRU of {@code cacheSize});
 *   <li>{@code POST /v1/execution_proof_verifications?new_payload_request_root=&proof_type=}: {@code
 *       {"status":"VALID"|"INVALID"}} from the test's verdict, {@code 404} for an unknown type.
 * </ul>
 *
 * Proving is driven by the test ({@link #complete}, {@link #fail}) or by {@link #autoProve}.
 * Errors are {@code {code, message}} as zkboost sends them.
 */
public final class FakeZkboostServer implements AutoCloseable {

  /** Whether a verification request is valid, given root, type and proof bytes. */
  public interface Verdict {
    boolean valid(String root, String proofType, byte[] proof);
  }

  private final HttpServer server;
  private final Set<String> proofTypes;
  private final Function<byte[], String> rootOf;
  private final ZkboostEventStreams streams;
  private final Map<String, byte[]> proofs;
  private final List<String> requestedRoots = new CopyOnWriteArrayList<>();
  private final AtomicInteger verificationsInFlight = new AtomicInteger();
  private final AtomicInteger maxVerificationsInFlight = new AtomicInteger();
  private final AtomicInteger verificationCalls = new AtomicInteger();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private volatile Function<String, byte[]> autoProve;
  private volatile Verdict verdict = (root, type, proof) -> true;
  private volatile Duration verifyDelay = Duration.ZERO;
  private volatile int verifyStatus = 200;

  /**
   * @param proofTypes the configured proof type names, e.g. {@code reth-sp1}
   * @param rootOf decodes an SSZ {@code NewPayloadRequest} and answers its root as lowercase 0x hex;
   *     throws for bytes that are not one
   * @param cacheSize proofs kept before the oldest is evicted
   * @param keepAlive interval of the keep-alive comment
   */
  public FakeZkboostServer(
      final Set<String> proofTypes,
      final Function<byte[], String> rootOf,
      final int cacheSize,
      final Duration keepAlive)
      throws IOException {
    this.proofTypes = Set.copyOf(proofTypes);
    this.rootOf = rootOf;
    this.streams = new ZkboostEventStreams(keepAlive.toMillis());
    this.proofs =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(final Map.Entry<String, byte[]> eldest) {
                return size() > cacheSize;
              }
            });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory()));
    server.createContext("/v1/execution_proof_requests", this::proofRequests);
    server.createContext("/v1/execution_proofs/", this::proof);
    server.createContext("/v1/execution_proof_verifications", this::verification);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Completes every future request of these types at once with {@code proofFor(root)}. */
  public void autoProve(final Function<String, byte[]> proofFor) {
    this.autoProve = proofFor;
  }

  /** Stores the proof and emits {@code proof_complete}. */
  public void complete(final String root, final String proofType, final byte[] proof) {
    proofs.put(root + "/" + proofType, proof.clone());
    streams.emit(root, "proof_complete", ZkboostEventStreams.completeJson(root, proofType));
  }

  /** Emits {@code proof_failure} with one of zkboost's reasons. */
  public void fail(
      final String root, final String proofType, final String reason, final String error) {
    streams.emit(
        root, "proof_failure", ZkboostEventStreams.failureJson(root, proofType, reason, error));
  }

  /** Drops a cached proof, so {@code GET} answers 404 and replays skip it. */
  public void evict(final String root, final String proofType) {
    proofs.remove(root + "/" + proofType);
  }

  /** Closes every open event stream. */
  public void dropEventStreams() {
    streams.dropAll();
  }

  public int openEventStreams() {
    return streams.open();
  }

  /** Event streams opened so far, reconnects included. */
  public int subscriptionCount() {
    return subscriptions.get();
  }

  public List<String> requestedRoots() {
    return List.copyOf(requestedRoots);
  }

  public void verdict(final Verdict verdict) {
    this.verdict = verdict;
  }

  /** How long each verification takes (to test timeouts and concurrency). */
  public void verifyDelay(final Duration delay) {
    this.verifyDelay = delay;
  }

  /** A status other than 200 makes verifications fail with it (e.g. 503). */
  public void verifyStatus(final int status) {
    this.verifyStatus = status;
  }

  public int verificationCalls() {
    return verificationCalls.get();
  }

  public int maxVerificationsInFlight() {
    return maxVerificationsInFlight.get();
  }

  @Override
  public void close() {
    streams.close();
    server.stop(0);
  }

  private void proofRequests(final HttpExchange exchange) throws IOException {
    final Map<String, String> query = query(exchange);
    if ("GET".equals(exchange.getRequestMethod())) {
      subscribe(exchange, query.get("new_payload_request_root"));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      error(exchange, 405, "method not allowed");
      return;
    }
    final String typesParam = query.getOrDefault("proof_types", "");
    final List<String> types =
        Arrays.stream(typesParam.split(",")).filter(t -> !t.isEmpty()).toList();
    if (types.isEmpty()) {
      error(exchange, 400, "proof_types is empty");
      return;
    }
    for (final String type : types) {
      if (!proofTypes.contains(type)) {
        error(exchange, 400, "proof type " + type + " is not configured");
        return;
      }
    }
    final byte[] body = exchange.getRequestBody().readAllBytes();
    final String root;
    try {
      root = rootOf.apply(body);
    } catch (final RuntimeException e) {
      error(exchange, 400, "invalid NewPayloadRequest SSZ: " + e.getMessage());
      return;
    }
    requestedRoots.add(root);
    respond(exchange, 200, "{\"new_payload_request_root\":\"" + root + "\"}");
    final Function<String, byte[]> auto = autoProve;
    if (auto != null) {
      types.forEach(type -> complete(root, type, auto.apply(root)));
    }
  }

  private void subscribe(final HttpExchange exchange, final String root) throws IOException {
    subscriptions.incrementAndGet();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    final OutputStream out = exchange.getResponseBody();
    final ZkboostEventStreams.Stream stream = new ZkboostEventStreams.Stream(out, root);
    if (root != null) {
      final List<String> cached;
      synchronized (proofs) {
        cached = proofs.keySet().stream().filter(k -> k.startsWith(root + "/")).toList();
      }
      for (final String key : cached) {
        final String type = key.substring(root.length() + 1);
        streams.write(stream, ZkboostEventStreams.frame(
            "proof_complete", ZkboostEventStreams.completeJson(root, type)));
      }
    }
    streams.add(stream);
    // The handler returns; the stream stays open until dropped or the server stops.
  }

  private void proof(final HttpExchange exchange) throws IOException {
    final String[] parts =
        exchange.getRequestURI().getPath().substring("/v1/execution_proofs/".length()).split("/");
    final byte[] proof = parts.length == 2 ? proofs.get(parts[0] + "/" + parts[1]) : null;
    if (proof == null) {
      error(exchange, 404, "proof not found");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, proof.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(proof);
    }
  }

  private void verification(final HttpExchange exchange) throws IOException {
    final int now = verificationsInFlight.incrementAndGet();
    maxVerificationsInFlight.accumulateAndGet(now, Math::max);
    verificationCalls.incrementAndGet();
    try {
      final Map<String, String> query = query(exchange);
      final String root = query.get("new_payload_request_root");
      final String type = query.get("proof_type");
      final byte[] proof = exchange.getRequestBody().readAllBytes();
      if (root == null || type == null) {
        error(exchange, 400, "new_payload_request_root and proof_type are required");
        return;
      }
      if (!proofTypes.contains(type)) {
        error(exchange, 404, "proof type " + type + " not found");
        return;
      }
      Thread.sleep(verifyDelay.toMillis());
      if (verifyStatus != 200) {
        error(exchange, verifyStatus, "injected failure");
        return;
      }
      final boolean valid = verdict.valid(root, type, proof);
      respond(exchange, 200, "{\"status\":\"" + (valid ? "VALID" : "INVALID") + "\"}");
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      verificationsInFlight.decrementAndGet();
    }
  }

  private static Map<String, String> query(final HttpExchange exchange) {
    final Map<String, String> params = new ConcurrentHashMap<>();
    final String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return params;
    }
    for (final String pair : raw.split("&")) {
      final int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static void error(final HttpExchange exchange, final int status, final String message)
      throws IOException {
    respond(exchange, status, "{\"code\":" + status + ",\"message\":\"" + message.replace("\"", "'")
        + "\"}");
  }

  private static void respond(final HttpExchange exchange, final int status, final String json)
      throws IOException {
    final byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
