package io.zkstateless.common.test.el;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP JSON-RPC server on {@code 127.0.0.1:<random port>} that plays an execution client
 * from recorded fixtures: {@code debug_executionWitness} (by hash or number), {@code
 * debug_executionWitnessByBlockHash}, {@code eth_getBlockByHash}, {@code eth_getBlockByNumber},
 * {@code debug_getRawBlock}, {@code debug_chainConfig} and {@code eth_blockNumber}.
 *
 * <p>Faults are scripted per method ({@link #enqueue}: the next calls misbehave once each, in
 * order; {@link #failAlways}: every call until {@link #clearFaults}). Unknown blocks get reth's
 * {@code -32001 "block not found"} on debug methods and {@code null} on {@code eth_*} methods.
 */
public final class FixtureExecutionClient implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> METHODS =
      Set.of(
          "debug_executionWitness",
          "debug_executionWitnessByBlockHash",
          "eth_getBlockByHash",
          "eth_getBlockByNumber",
          "debug_getRawBlock",
          "debug_getRawBlockAccessList",
          "debug_chainConfig",
          "eth_blockNumber");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, FixtureBlock> byHash = new ConcurrentHashMap<>();
  private final Map<Long, FixtureBlock> byNumber = new ConcurrentHashMap<>();
  private final Map<String, String> blockAccessLists = new ConcurrentHashMap<>();
  private final FaultScript faults = new FaultScript();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile JsonNode chainConfig =
      JSON.readTree(
          "{\"chainId\":560048,\"shanghaiTime\":0,\"cancunTime\":0,\"pragueTime\":1742999832}");

  private FixtureExecutionClient(final HttpServer server) {
    this.server = server;
  }

  /** Starts the server on a free loopback port. */
  public static FixtureExecutionClient start() {
    return start(0);
  }

  /** Starts the server on {@code port} of 127.0.0.1 (0: a free one). */
  public static FixtureExecutionClient start(final int port) {
    try {
      final HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      final FixtureExecutionClient client = new FixtureExecutionClient(server);
      server.createContext("/", client::handle);
      server.setExecutor(client.executor);
      server.start();
      return client;
    } catch (final IOException e) {
      throw new IllegalStateException("Cannot start the fixture execution client", e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Serves a recorded real fixture (one of {@code Fixtures.WITNESSES}). */
  public FixtureExecutionClient serveRecorded(final String fixtureName) {
    return serve(FixtureBlock.recorded(fixtureName));
  }

  public FixtureExecutionClient serve(final FixtureBlock block) {
    byHash.put(block.hash().toLowerCase(), block);
    byNumber.put(block.number(), block);
    return this;
  }

  /** Stops serving the block with this hash (a long-running devnet drops old blocks). */
  public FixtureExecutionClient forget(final String hash) {
    final FixtureBlock block = byHash.remove(hash.toLowerCase());
    if (block != null) {
      byNumber.remove(block.number(), block);
    }
    return this;
  }

  /**
   * Serves {@code debug_getRawBlockAccessList(hash)} for a block: the EIP-7928 access list RLP as
   * {@code 0x}-hex. Other hashes get {@code null}, as execution-apis #851 specifies for an unknown
   * block.
   */
  public FixtureExecutionClient serveBlockAccessList(final String hash, final String rlpHex) {
    blockAccessLists.put(hash.toLowerCase(), rlpHex);
    return this;
  }

  public FixtureExecutionClient chainConfig(final JsonNode config) {
    this.chainConfig = config;
    return this;
  }

  /** The next calls of {@code method} get these faults, one each, in order. */
  public FixtureExecutionClient enqueue(final String method, final Fault... faultList) {
    faults.enqueue(method, faultList);
    return this;
  }

  /** The next {@code calls} calls of {@code method} answer "not ready" (reth's -32001). */
  public FixtureExecutionClient notReadyFor(final String method, final int calls) {
    for (int i = 0; i < calls; i++) {
      enqueue(method, Fault.notReady());
    }
    return this;
  }

  /** Every call of {@code method} gets {@code fault} until {@link #clearFaults()}. */
  public FixtureExecutionClient failAlways(final String method, final Fault fault) {
    faults.always(method, fault);
    return this;
  }

  public FixtureExecutionClient clearFaults() {
    faults.clear();
    return this;
  }

  /** How many requests named {@code method} arrived. */
  public int calls(final String method) {
    final AtomicInteger count = calls.get(method);
    return count == null ? 0 : count.get();
  }

  /** Every request body received, parsed, in arrival order. */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(request);
      final String method = request.path("method").asString();
      calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
      final Fault fault = faults.next(method);
      if (fault instanceof Fault.Delay delay) {
        sleep(delay);
      }
      respond(exchange, request, method, fault);
    } catch (final IOException | RuntimeException e) {
      // The client went away (timeouts) or the test closed the server; nothing to answer.
    }
  }

  private void respond(
      final HttpExchange exchange, final JsonNode request, final String method, final Fault fault)
      throws IOException {
    final JsonNode id = request.path("id");
    if (!METHODS.contains(method)) {
      JsonRpcReplies.send(
          exchange,
          200,
          JsonRpcReplies.error(
              id, -32601, "the method " + method + " does not exist/is not available"));
      return;
    }
    switch (fault) {
      case Fault.RpcError error ->
          JsonRpcReplies.send(
              exchange, 200, JsonRpcReplies.error(id, error.code(), error.message()));
      case Fault.NullResult ignored ->
          JsonRpcReplies.send(
              exchange,
              200,
              JsonRpcReplies.envelope(
                  id, out -> out.write("null".getBytes(StandardCharsets.US_ASCII))));
      case Fault.Garbage garbage ->
          JsonRpcReplies.send(exchange, 200, garbage.body().getBytes(StandardCharsets.UTF_8));
      case Fault.HttpStatus status ->
          JsonRpcReplies.send(
              exchange,
              status.status(),
              ("HTTP " + status.status()).getBytes(StandardCharsets.UTF_8));
      case Fault.TruncatedJson cut -> {
        final byte[] full = answer(id, method, request.path("params"));
        JsonRpcReplies.send(exchange, 200, Arrays.copyOf(full, Math.min(cut.bytes(), full.length)));
      }
      case Fault.TruncatedHttp cut -> {
        final byte[] full = answer(id, method, request.path("params"));
        exchange.sendResponseHeaders(200, full.length);
        exchange.getResponseBody().write(full, 0, Math.min(cut.bytes(), full.length));
        exchange.getResponseBody().flush();
        throw new IOException("truncated on purpose");
      }
      case Fault.SlowLoris slow -> dribble(exchange, answer(id, method, request.path("params")), slow);
      case Fault.HugeResult huge -> streamHuge(exchange, id, huge.hexDigits());
      case null, default -> streamAnswer(exchange, id, method, request.path("params"));
    }
  }

  private static void dribble(final HttpExchange exchange, final byte[] body, final Fault.SlowLoris slow)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    final OutputStream out = exchange.getResponseBody();
    for (int i = 0; i < body.length; i += slow.bytesPerTick()) {
      out.write(body, i, Math.min(slow.bytesPerTick(), body.length - i));
      out.flush();
      sleep(new Fault.Delay(slow.interval()));
      if (Thread.currentThread().isInterrupted()) {
        throw new IOException("stopped");
      }
    }
    out.close();
  }

  private static void streamHuge(final HttpExchange exchange, final JsonNode id, final long hexDigits)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
      out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x").getBytes(StandardCharsets.US_ASCII));
      final byte[] zeros = new byte[1 << 16];
      Arrays.fill(zeros, (byte) '0');
      for (long left = hexDigits; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
      out.write("\"}".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Normal answers are streamed with chunked encoding, so huge witnesses are never buffered. */
  private void streamAnswer(
      final HttpExchange exchange, final JsonNode id, final String method, final JsonNode params)
      throws IOException {
    final FixtureBlock.ResultWriter result = result(method, params);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (result == null) {
      JsonRpcReplies.send(exchange, 200, JsonRpcReplies.error(id, -32001, "block not found"));
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
      JsonRpcReplies.writeEnvelope(out, id, result);
    }
  }

  private byte[] answer(final JsonNode id, final String method, final JsonNode params)
      throws IOException {
    final FixtureBlock.ResultWriter result = result(method, params);
    return result == null
        ? JsonRpcReplies.error(id, -32001, "block not found")
        : JsonRpcReplies.envelope(id, result);
  }

  /** The result writer for a call, or {@code null} for "block not found". */
  private FixtureBlock.ResultWriter result(final String method, final JsonNode params) {
    final FixtureBlock block = lookup(params.path(0).asString(""));
    return switch (method) {
      case "debug_executionWitness", "debug_executionWitnessByBlockHash" ->
          block == null ? null : block.witness();
      case "eth_getBlockByHash", "eth_getBlockByNumber" ->
          block == null ? JsonRpcReplies.literal("null") : JsonRpcReplies.json(block.block());
      case "debug_getRawBlock" ->
          block == null || block.rawBlock() == null
              ? null
              : JsonRpcReplies.json(JSON.getNodeFactory().stringNode(block.rawBlock()));
      case "debug_getRawBlockAccessList" -> {
        final String accessList = blockAccessLists.get(params.path(0).asString("").toLowerCase());
        yield accessList == null
            ? JsonRpcReplies.literal("null")
            : JsonRpcReplies.json(JSON.getNodeFactory().stringNode(accessList));
      }
      case "debug_chainConfig" -> JsonRpcReplies.json(chainConfig);
      case "eth_blockNumber" ->
          JsonRpcReplies.literal(
              "\"0x"
                  + Long.toHexString(byNumber.keySet().stream().mapToLong(n -> n).max().orElse(0))
                  + "\"");
      default -> throw new IllegalStateException("unreachable: " + method);
    };
  }

  private FixtureBlock lookup(final String blockId) {
    if (blockId.length() == 66) {
      return byHash.get(blockId.toLowerCase());
    }
    try {
      return byNumber.get(Long.decode(blockId));
    } catch (final NumberFormatException e) {
      return null;
    }
  }

  private static void sleep(final Fault.Delay delay) {
    try {
      Thread.sleep(delay.delay());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
